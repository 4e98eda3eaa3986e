import HTTP1

/// Content-coding and conditional-request rules (RFC 9110 §12.5.3, §13.1.2, §13.1.3).
enum Negotiation {
    /// Whether `Accept-Encoding` allows gzip: listed (or `x-gzip`, or `*`) with a q-value above 0,
    /// and not refused by `gzip;q=0`.
    static func acceptsGzip(_ headers: HTTPHeaders) -> Bool {
        guard headers.contains("accept-encoding") else { return false }
        var gzip: Double?
        var wildcard: Double?
        for element in headers.values("accept-encoding").flatMap({ $0.split(separator: ",") }) {
            let parts = element.split(separator: ";").map { String($0.trimmingOWS()) }
            guard let coding = parts.first?.lowercased(), !coding.isEmpty else { continue }
            var q = 1.0
            for parameter in parts.dropFirst() {
                let pair = parameter.split(separator: "=", maxSplits: 1).map { String($0.trimmingOWS()) }
                if pair.count == 2, pair[0].lowercased() == "q" { q = Self.qValue(pair[1]) ?? 0 }
            }
            switch coding {
            case "gzip", "x-gzip": gzip = max(gzip ?? 0, q)
            case "*": wildcard = q
            default: break
            }
        }
        return (gzip ?? wildcard ?? 0) > 0
    }

    /// Whether `Accept` allows FHIR JSON: absent, or naming a JSON type or a wildcard with q above 0.
    /// A client that asks only for XML (`application/fhir+xml`) gets 406.
    static func acceptsFHIRJSON(_ headers: HTTPHeaders) -> Bool {
        guard headers.contains("accept") else { return true }
        for element in headers.values("accept").flatMap({ $0.split(separator: ",") }) {
            let parts = element.split(separator: ";").map { String($0.trimmingOWS()) }
            guard let type = parts.first?.lowercased() else { continue }
            var q = 1.0
            for parameter in parts.dropFirst() {
                let pair = parameter.split(separator: "=", maxSplits: 1).map { String($0.trimmingOWS()) }
                if pair.count == 2, pair[0].lowercased() == "q" { q = Self.qValue(pair[1]) ?? 0 }
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
        guard headers.contains("if-none-match") else { return nil }
        let opaque = { (text: String) -> String in text.hasPrefix("W/") ? String(text.dropFirst(2)) : text }
        for candidate in headers.values("if-none-match").flatMap({ $0.split(separator: ",") }) {
            let trimmed = String(candidate.trimmingOWS())
            if trimmed == "*" || opaque(trimmed) == opaque(tag) { return true }
        }
        return false
    }
}
