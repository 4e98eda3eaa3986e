import Testing

@testable import HTTP1

@Suite("Request targets: the one-pass reading of the usual ones agrees with the full parse")
struct RequestTargetTests {
    /// Target, path and query as the full parse gives them (the request line's route for any target but
    /// the usual ones), or nil where it refuses the target.
    private static func fullParse(_ target: [UInt8]) -> [String?]? {
        if target.contains(where: { $0 <= 0x20 || $0 >= 0x7F }) { return nil }
        let parsed = try? target.withUnsafeBufferPointer { bytes throws(HTTPParseError) in
            try RequestTarget.parse(bytes[...], method: .get)
        }
        return parsed.map { [String(decoding: target, as: UTF8.self), $0.path, $0.query] }
    }

    private static func requestLine(_ target: [UInt8]) -> [String?]? {
        let line = Array("GET ".utf8) + target + Array(" HTTP/1.1".utf8)
        let request = try? line.withUnsafeBufferPointer { bytes throws(HTTPParseError) in
            try PartialHead.parseRequestLine(bytes[...])
        }
        return request.map { [$0.target, $0.path, $0.query] }
    }

    @Test("random targets of path, query, escape and dot characters read the same both ways")
    func randomTargets() {
        var random = SystemRandomNumberGenerator()
        let pieces = [
            "/", "/", "a", "Z", "0", ".", "..", "?", "%", "%41", "%2F", "%00", "%e2%28", "=", "&", "+", ":", "@",
            "!", "$", "'", "(", "*", ",", ";", "~", "-", "_", "#", "[", "\"", "{", "^", "`", "|", "\\",
        ]
        var agreed = 0
        for _ in 0..<20_000 {
            var target = Bool.random(using: &random) || Int.random(in: 0..<10, using: &random) > 0 ? "/" : ""
            for _ in 0..<Int.random(in: 0...10, using: &random) {
                target += pieces.randomElement(using: &random) ?? ""
            }
            let bytes = Array(target.utf8)
            guard !bytes.isEmpty else { continue }
            let expected = Self.fullParse(bytes)
            #expect(Self.requestLine(bytes) == expected, "\(target)")
            if expected != nil { agreed += 1 }
        }
        #expect(agreed > 1_000)  // enough of them valid for the comparison to mean something
    }

    @Test("the usual targets: a plain path, and a plain path with a plain query")
    func usualTargets() {
        #expect(Self.requestLine(Array("/v1/glossary".utf8)) == ["/v1/glossary", "/v1/glossary", nil])
        #expect(
            Self.requestLine(Array("/v1/search?q=estrogen&limit=5".utf8))
                == ["/v1/search?q=estrogen&limit=5", "/v1/search", "q=estrogen&limit=5"])
        #expect(Self.requestLine(Array("/a?".utf8)) == ["/a?", "/a", ""])
        #expect(Self.requestLine(Array("/a?b?c%zz".utf8)) == ["/a?b?c%zz", "/a", "b?c%zz"])
        #expect(Self.requestLine(Array("/a/../b?x".utf8)) == nil)
    }
}
