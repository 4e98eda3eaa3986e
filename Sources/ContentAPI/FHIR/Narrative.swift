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

    /// `&`, `<`, `>` and `"` as entities: the text cannot open or close an element.
    static func escaped(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for character in text {
            switch character {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            default: out.append(character)
            }
        }
        return out
    }
}
