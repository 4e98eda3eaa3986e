import ContentModel
import JSON

/// A resource's human-readable narrative: well-formed XHTML in a `div` of the XHTML namespace, with
/// every piece of text escaped (FHIR R5 §2.1.28.3 "Narrative"), marked `generated` from the data.
enum Narrative {
    enum Part {
        case heading(String)
        case paragraph(String)
        case list([String])
    }

    static func generated(_ parts: [Part]) -> FHIR.Narrative {
        var html = #"<div xmlns="http://www.w3.org/1999/xhtml">"#
        for part in parts {
            switch part {
            case .heading(let text): html += "<p><b>\(escaped(text))</b></p>"
            case .paragraph(let text): html += "<p>\(escaped(text))</p>"
            case .list(let items):
                guard !items.isEmpty else { continue }
                html += "<ul>" + items.map { "<li>\(escaped($0))</li>" }.joined() + "</ul>"
            }
        }
        html += "</div>"
        return FHIR.Narrative(div: html)
    }

    /// `&`, `<`, `>` and `"` as entities: the text cannot open or close an element. By UTF-8 byte: the four
    /// are ASCII, which never occurs inside another character's bytes (by `Character` it cost a grapheme
    /// break per character, most of every Provenance built at start-up).
    static func escaped(_ text: String) -> String {
        let special: (UInt8) -> Bool = { $0 == 0x26 || $0 == 0x3C || $0 == 0x3E || $0 == 0x22 }
        guard text.utf8.contains(where: special) else { return text }
        var out: [UInt8] = []
        out.reserveCapacity(text.utf8.count + 16)
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "&"): out += "&amp;".utf8
            case UInt8(ascii: "<"): out += "&lt;".utf8
            case UInt8(ascii: ">"): out += "&gt;".utf8
            case UInt8(ascii: "\""): out += "&quot;".utf8
            default: out.append(byte)
            }
        }
        return String(decoding: out, as: UTF8.self)
    }
}
