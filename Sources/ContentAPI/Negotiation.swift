import HTTP1

/// Content-coding and conditional-request rules (RFC 9110 §12.5.3, §13.1.2, §13.1.3).
enum Negotiation {
    /// Whether `Accept-Encoding` allows gzip: listed (or `x-gzip`, or `*`) with a q-value above 0,
    /// and not refused by `gzip;q=0`. Every request asks this, so the list is read in place from the
    /// value's bytes; only a parameter's text becomes a string.
    static func acceptsGzip(_ headers: HTTPHeaders) -> Bool {
        guard headers.contains(.acceptEncoding) else { return false }
        var weights = CodingWeights()
        let fields = headers.fields
        // By index: a field is read in place, not copied (its strings retained) for the loop's variable.
        for index in fields.indices where fields[index].common == .acceptEncoding {
            var value = fields[index].value
            value.withUTF8 { bytes in
                // Without a `g`, `G` or `*` the list names neither gzip, x-gzip nor the wildcard, and changes
                // nothing: `identity` and `br, deflate` are answered without parsing them.
                guard bytes.contains(where: { $0 | 0x20 == UInt8(ascii: "g") || $0 == UInt8(ascii: "*") }) else {
                    return
                }
                weights.read(list: bytes[...])
            }
        }
        return (weights.gzip ?? weights.wildcard ?? 0) > 0
    }

    /// Whether `Accept` allows FHIR R5 JSON: absent, or naming a JSON type or a wildcard with q above 0
    /// and no `fhirVersion` other than 5.0. A client that asks only for XML (`application/fhir+xml`) or
    /// only for another FHIR version (`fhirVersion=4.0`) gets 406.
    static func acceptsFHIRJSON(_ headers: HTTPHeaders) -> Bool {
        guard headers.contains(.accept) else { return true }
        for element in headers.values(.accept).flatMap({ $0.split(separator: ",") }) {
            let parts = element.split(separator: ";").map { String($0.trimmingOWS()) }
            guard let type = parts.first?.lowercased() else { continue }
            var q = 1.0
            for parameter in parts.dropFirst() {
                let pair = parameter.split(separator: "=", maxSplits: 1).map { String($0.trimmingOWS()) }
                guard pair.count == 2 else { continue }
                switch pair[0].lowercased() {
                case "q": q = Self.qValue(pair[1]) ?? 0
                case "fhirversion": if !["5.0", "5.0.0"].contains(pair[1].filter { $0 != "\"" }) { q = 0 }
                default: break
                }
            }
            if q > 0, type == "*/*" || type == "application/*" || type.hasSuffix("json") { return true }
        }
        return false
    }

    /// `qvalue = ( "0" [ "." 0*3DIGIT ] ) / ( "1" [ "." 0*3("0") ] )`; nil when malformed.
    static func qValue(_ text: String) -> Double? {
        guard text.count <= 5, let value = Double(text), (0...1).contains(value),
            text.first == "0" || text.first == "1"
        else { return nil }
        return value
    }

    /// Whether `If-None-Match` matches `tag` by weak comparison (RFC 9110 §13.1.2): `*` matches any.
    static func ifNoneMatch(_ headers: HTTPHeaders, matches tag: String) -> Bool? {
        guard headers.contains(.ifNoneMatch) else { return nil }
        let opaque = { (text: String) -> String in text.hasPrefix("W/") ? String(text.dropFirst(2)) : text }
        for candidate in headers.values(.ifNoneMatch).flatMap({ $0.split(separator: ",") }) {
            let trimmed = String(candidate.trimmingOWS())
            if trimmed == "*" || opaque(trimmed) == opaque(tag) { return true }
        }
        return false
    }
}

/// The q-values an `Accept-Encoding` list gives gzip (or `x-gzip`) and `*`. Elements are the non-empty
/// runs between commas, an element's parts the non-empty runs between semicolons, each without the
/// white space around it; the first part is the coding, a later `q=` part its weight (0 when malformed).
private struct CodingWeights {
    typealias Bytes = Slice<UnsafeBufferPointer<UInt8>>

    var gzip: Double?
    var wildcard: Double?

    // Compared with every element: held as bytes, so no string is copied out for each comparison.
    private static let gzip: StaticString = "gzip"
    private static let xGzip: StaticString = "x-gzip"
    private static let q: StaticString = "q"

    mutating func read(list: Bytes) {
        for element in Runs(of: list, between: UInt8(ascii: ",")) { read(element: element) }
    }

    private mutating func read(element: Bytes) {
        var coding: Bytes?
        var q = 1.0
        for part in Runs(of: element, between: UInt8(ascii: ";")) {
            let part = part.trimmingOWS()
            guard coding != nil else {
                guard !part.isEmpty else { return }
                coding = part
                continue
            }
            if let weight = Self.weight(part) { q = weight }
        }
        guard let coding else { return }
        if coding.equalsIgnoringASCIICase(Self.gzip) || coding.equalsIgnoringASCIICase(Self.xGzip) {
            gzip = max(gzip ?? 0, q)
        } else if coding.elementsEqual("*".utf8) {
            wildcard = q
        }
    }

    /// The weight a `q=` parameter sets, or nil for any other parameter. Empty runs around the first `=`
    /// are skipped, as splitting the parameter there once would drop them.
    private static func weight(_ parameter: Bytes) -> Double? {
        let equals = UInt8(ascii: "=")
        guard let nameStart = parameter.firstIndex(where: { $0 != equals }),
            let separator = parameter[nameStart...].firstIndex(of: equals),
            separator + 1 < parameter.endIndex,
            parameter[nameStart..<separator].trimmingOWS().equalsIgnoringASCIICase(Self.q)
        else { return nil }
        let text = parameter[(separator + 1)...].trimmingOWS()
        return Negotiation.qValue(String(decoding: text, as: UTF8.self)) ?? 0
    }

    /// The non-empty runs of some bytes between occurrences of a separator, without copying them.
    private struct Runs: Sequence, IteratorProtocol {
        var rest: Bytes
        let separator: UInt8

        init(of bytes: Bytes, between separator: UInt8) {
            rest = bytes
            self.separator = separator
        }

        mutating func next() -> Bytes? {
            while !rest.isEmpty {
                let end = rest.firstIndex(of: separator) ?? rest.endIndex
                let run = rest[..<end]
                rest = end == rest.endIndex ? rest[end...] : rest[(end + 1)...]
                if !run.isEmpty { return run }
            }
            return nil
        }
    }

}
