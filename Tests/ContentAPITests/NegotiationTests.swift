import ContentAPI
import HTTP1
import Testing

/// `Accept-Encoding` is read from the value's bytes in place. These pin that reader to the rules as first
/// written with strings (split on commas and semicolons, trim, lower-case, compare), on lists built at
/// random from the pieces that matter: codings in any case, q-values good and bad, stray separators.
@Suite("Accept-Encoding read in place")
struct NegotiationTests {
    static let codings = [
        "gzip", "GZIP", "Gzip", "x-gzip", "X-GZIP", "*", "identity", "br", "gzipx", "", " ", "\u{E9}",
    ]
    static let parameters = [
        "q=0", "q=1", "q=0.5", "Q=0.1", " q = 0 ", "q==1", "=q=1", "q=", "=", "x=1", "q", "q=1.001", "q=0.000",
        "q=1.000", "q=0.0001", "",
    ]
    static let separators = [",", ", ", " ,", ",,", ",\t"]

    @Test("agrees with the string rules on 5,000 random lists, one or two fields")
    func agreesWithTheStringRules() throws {
        var random = SplitMix64(seed: 0x5EED)
        func pick(_ choices: [String]) -> String { choices[Int(random.next() % UInt64(choices.count))] }
        for _ in 0..<5000 {
            let fields = (0..<(random.next() % 4 == 0 ? 2 : 1)).map { _ in
                (0..<(1 + random.next() % 4)).map { _ in
                    pick(Self.codings)
                        + (0..<(random.next() % 3)).map { _ in pick([";", "; ", " ;"]) + pick(Self.parameters) }
                        .joined()
                }
                .joined(separator: pick(Self.separators))
            }
            let response = try API.request("/v1/glossary", headers: fields.map { ("Accept-Encoding", $0) })
            let expected = Self.acceptsGzip(fields.map(Self.trimmingOWS))
            #expect((response.headers["Content-Encoding"] == "gzip") == expected, "Accept-Encoding: \(fields)")
        }
    }

    @Test(
        "edge cases: empty parts, parameters without a value, q-values out of range",
        arguments: [
            (";gzip", true), ("gzip;", true), ("gzip;q", true), ("gzip;q=", true), ("gzip;=q=0", false),
            ("gzip;q==1", false), ("gzip; Q = 0", false), ("gzip;q=1.001", false), ("gzip;q=0.0001", false),
            (",,gzip,,", true), ("*;q=0.5, gzip;q=0", false), ("gzip;q=0, x-gzip", true), ("gzip ;q=0.5", true),
            ("GZIP", true), ("x-gzip;q=0.000", false), ("*, identity", true), ("\u{E9}gzip", false),
        ])
    func edgeCases(value: String, gzipped: Bool) throws {
        #expect(Self.acceptsGzip([value]) == gzipped, "the reference itself")
        let response = try API.request("/v1/glossary", headers: [("Accept-Encoding", value)])
        #expect((response.headers["Content-Encoding"] == "gzip") == gzipped)
    }

    /// The rules as first written, with strings: the reference.
    static func acceptsGzip(_ values: [String]) -> Bool {
        var gzip: Double?
        var wildcard: Double?
        for element in values.flatMap({ $0.split(separator: ",") }) {
            let parts = element.split(separator: ";").map { String($0.trimmingOWS()) }
            guard let coding = parts.first?.lowercased(), !coding.isEmpty else { continue }
            var q = 1.0
            for parameter in parts.dropFirst() {
                let pair = parameter.split(separator: "=", maxSplits: 1).map { String($0.trimmingOWS()) }
                if pair.count == 2, pair[0].lowercased() == "q" { q = qValue(pair[1]) ?? 0 }
            }
            switch coding {
            case "gzip", "x-gzip": gzip = max(gzip ?? 0, q)
            case "*": wildcard = q
            default: break
            }
        }
        return (gzip ?? wildcard ?? 0) > 0
    }

    static func qValue(_ text: String) -> Double? {
        guard text.count <= 5, let value = Double(text), (0...1).contains(value),
            text.first == "0" || text.first == "1"
        else { return nil }
        return value
    }

    /// As the parser stores a field value: without white space around it.
    static func trimmingOWS(_ value: String) -> String { String(value.trimmingOWS()) }
}

/// A small deterministic generator (Vigna's SplitMix64), so a failing list can be reproduced.
struct SplitMix64: RandomNumberGenerator {
    var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
