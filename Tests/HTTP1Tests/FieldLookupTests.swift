import Testing

@testable import HTTP1

@Suite("The parser's shortcuts agree with the plain definitions")
struct ParserShortcutTests {
    /// `tchar` of RFC 9110 §5.6.2, spelled out.
    private static let tokenCharacters = Set(
        "!#$%&'*+-.^_`|~0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ".utf8)

    @Test("each bit set holds exactly the bytes of its grammar's definition, over all 256")
    func bitSets() {
        for byte in UInt8.min...UInt8.max {
            let unreservedOrSubDelim = ByteClass.isUnreserved(byte) || ByteClass.isSubDelim(byte)
            let pchar = unreservedOrSubDelim || byte == UInt8(ascii: ":") || byte == UInt8(ascii: "@")
            #expect(ByteClass.isTokenChar(byte) == Self.tokenCharacters.contains(byte), "tchar \(byte)")
            #expect(ByteClass.isPathChar(byte) == pchar, "pchar \(byte)")
            #expect(
                ByteClass.isQueryChar(byte) == (pchar || byte == UInt8(ascii: "/") || byte == UInt8(ascii: "?")),
                "query \(byte)")
            #expect(
                ByteClass.regName.contains(byte) == (unreservedOrSubDelim || byte == UInt8(ascii: "%")), "host \(byte)")
        }
    }

    @Test("the eight-at-a-time search finds what a byte-by-byte one finds, at every start and end")
    func wordSearch() {
        // Every length up to three words and a tail, the sought byte at every place, once or twice, and
        // bytes that differ from it by one bit or by a borrow (0x0B, 0x09, 0x8A) around it.
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<400 {
            let count = Int.random(in: 0...29, using: &generator)
            let bytes = (0..<count).map { _ in
                [0x0A, 0x0B, 0x09, 0x8A, 0x41, 0x00][Int.random(in: 0...5, using: &generator)]
            }
            .map { UInt8($0) }
            bytes.withUnsafeBufferPointer { buffer in
                for from in 0...count {
                    for to in from...count {
                        let expected = bytes[from..<to].firstIndex(of: 0x0A)
                        #expect(ByteClass.firstIndex(of: 0x0A, in: buffer, from: from, to: to) == expected)
                    }
                }
            }
        }
    }
}

extension ParserShortcutTests {
    @Test("the eight-at-a-time field value check judges as the byte-by-byte definition does")
    func fieldValueCheck() {
        // Mostly printable ASCII with, now and then, a byte from each class the check must notice.
        let rare: [UInt8] = [0x09, 0x00, 0x1F, 0x20, 0x7E, 0x7F, 0x80, 0xA0, 0xFF, 0x0D, 0x0A]
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<2000 {
            let count = Int.random(in: 0...40, using: &generator)
            let bytes = (0..<count).map { _ in
                Int.random(in: 0..<10, using: &generator) == 0
                    ? rare.randomElement(using: &generator)! : UInt8.random(in: 0x21...0x7E, using: &generator)
            }
            let valid = bytes.allSatisfy { $0 == 0x09 || ($0 >= 0x20 && $0 != 0x7F) }
            let expected: Bool? = valid ? bytes.allSatisfy { $0 < 0x80 } : nil
            #expect(bytes.withUnsafeBufferPointer(ByteClass.fieldValueIsASCII) == expected, "\(bytes)")
        }
    }
}

@Suite("Header fields looked up by a common name")
struct CommonNameTests {
    @Test(
        "each common name is recognised in any case, and a near miss of the same length is not",
        arguments: CommonName.allCases)
    func recognised(_ name: CommonName) {
        let spelling = name.spelling
        #expect(CommonName(spelling) == name)
        #expect(CommonName(spelling.uppercased()) == name)
        #expect(CommonName(spelling.lowercased()) == name)
        #expect(CommonName(String(spelling.dropLast()) + "_") == nil)
        #expect(CommonName(String(spelling.dropFirst()) + "x") == nil)
    }

    @Test("a parsed field answers lookups by common name and by string alike, and keeps its spelling")
    func parsedLookups() throws {
        var parser = RequestParser()
        parser.append(
            Array(
                ("GET / HTTP/1.1\r\nhOsT: a\r\nACCEPT-ENCODING: gzip\r\nAccept-Encoding: br\r\nX-Custom: 1\r\n"
                    + "User-Agent: curl/8\r\n\r\n").utf8))
        let headers = try #require(try parser.nextRequest()).headers
        #expect(headers[.host] == "a" && headers["host"] == "a")
        #expect(headers.values(.acceptEncoding) == ["gzip", "br"])
        #expect(headers.values(.acceptEncoding) == headers.values("Accept-Encoding"))
        #expect(headers[.userAgent] == "curl/8")
        #expect(headers.contains(.xForwardedFor) == false && headers[.origin] == nil && headers.values(.accept).isEmpty)
        #expect(headers["x-custom"] == "1")
        #expect(headers.map(\.name) == ["hOsT", "ACCEPT-ENCODING", "Accept-Encoding", "X-Custom", "User-Agent"])
    }

    @Test("a name set, replaced and removed by string is found, or not, by common name")
    func editedLookups() {
        var headers = HTTPHeaders([("Content-Length", "3"), ("Vary", "Accept")])
        #expect(headers[.contentLength] == "3")
        headers.set("content-length", "4")
        #expect(headers[.contentLength] == "4" && headers.values(.contentLength) == ["4"])
        headers.remove("CONTENT-LENGTH")
        #expect(!headers.contains(.contentLength) && headers[.contentLength] == nil)
        headers.add("Origin", "https://a.example")
        #expect(headers[.origin] == "https://a.example" && headers["vary"] == "Accept")
    }
}
