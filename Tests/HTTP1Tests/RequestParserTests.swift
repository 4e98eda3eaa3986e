import HTTP1
import Testing
import WireFixtures

@Suite("RequestParser on the http11-cases fixtures")
struct RequestParserFixtureTests {
    @Test("fed whole, yields the expected requests and errors", arguments: WireCase.all)
    func whole(_ fixture: WireCase) {
        #expect(parseOutcomes([fixture.raw[...]]) == fixture.parsed)
    }

    @Test("fed one byte at a time, yields the same", arguments: WireCase.all)
    func byteByByte(_ fixture: WireCase) {
        let chunks = fixture.raw.indices.map { fixture.raw[$0...$0] }
        #expect(parseOutcomes(chunks) == fixture.parsed)
    }

    @Test("split in two at every offset, yields the same", arguments: WireCase.all.filter { $0.raw.count <= 4096 })
    func everySplit(_ fixture: WireCase) {
        for offset in 1..<fixture.raw.count {
            let outcome = parseOutcomes([fixture.raw[..<offset], fixture.raw[offset...]])
            #expect(outcome == fixture.parsed, "split at \(offset)")
        }
    }

    @Test("H2: split between the CR and LF of the final CRLF")
    func splitInsideFinalCRLF() {
        let raw = WireCase.bytes("GET /items/1 HTTP/1.1\r\nHost: a\r\nConnection: close\r\n\r")
        #expect(parseOutcomes([raw[...], [0x0A][...]]) == [.request("GET", "/items/1")])
    }
}

@Suite("RequestParser reads requests")
struct RequestParserTests {
    private func parse(_ text: String, limits: HTTPLimits = HTTPLimits()) throws -> HTTPRequest? {
        var parser = RequestParser(limits: limits)
        parser.append(WireCase.bytes(text))
        return try parser.nextRequest()
    }

    @Test("keeps method, target, decoded path, raw query, version and fields")
    func fields() throws {
        let request = try #require(
            try parse("GET /v1/agents/%74amoxifen?q=a%20b&x HTTP/1.1\r\nHost: example.com:8080\r\nX-A:  v \r\n\r\n"))
        #expect(request.method == .get)
        #expect(request.target == "/v1/agents/%74amoxifen?q=a%20b&x")
        #expect(request.path == "/v1/agents/tamoxifen")
        #expect(request.query == "q=a%20b&x")
        #expect(request.version == .http1_1)
        #expect(request.headers["host"] == "example.com:8080")
        #expect(request.headers["x-a"] == "v")
        #expect(request.keepAlive)
    }

    @Test("pipelined requests each get their own line and fields: nothing of one is carried into the next")
    func pipelinedRequestsAreSeparate() throws {
        var parser = RequestParser()
        parser.append(
            Array(
                ("GET /a?x=1 HTTP/1.1\r\nHost: a\r\nX-A: 1\r\nX-B: 2\r\n\r\n"
                    + "HEAD /b HTTP/1.0\r\nHost: b\r\n\r\n").utf8))
        let first = try #require(try parser.nextRequest())
        let second = try #require(try parser.nextRequest())
        #expect(first.target == "/a?x=1" && first.headers.count == 3 && first.headers["x-b"] == "2")
        #expect(second.method == .head && second.target == "/b" && second.query == nil)
        #expect(second.version == HTTPVersion(major: 1, minor: 0))
        #expect(second.headers.count == 1 && second.headers["host"] == "b" && second.headers["x-a"] == nil)
        #expect(!second.keepAlive)
        #expect(try parser.nextRequest() == nil)
    }

    /// The ways a stream of heads is fed: whole, a byte at a time, and in two at every `step`-th offset.
    private static func feeds(_ raw: [UInt8], splitEvery step: Int) -> [[ArraySlice<UInt8>]] {
        [[raw[...]], raw.indices.map { raw[$0...$0] }]
            + stride(from: 1, to: raw.count, by: step).map { [raw[..<$0], raw[$0...]] }
    }

    /// Every request one parser reads from the chunks, appended in turn.
    private static func requests(fedIn chunks: [ArraySlice<UInt8>]) throws -> [HTTPRequest] {
        var parser = RequestParser()
        var requests: [HTTPRequest] = []
        for chunk in chunks {
            parser.append(Array(chunk))
            while let request = try parser.nextRequest() { requests.append(request) }
        }
        return requests
    }

    @Test("field lines that repeat the previous head's read exactly as if parsed anew, fed whole or split")
    func repeatedFieldLines() throws {
        let heads = [
            "GET /a HTTP/1.1\r\nHost: a\r\nX-A: 1\r\n\r\n",
            "GET /b?q=1 HTTP/1.1\r\nHost: a\r\nX-A: 1\r\n\r\n",  // the same field lines
            "HEAD /c HTTP/1.1\r\nHost: a\r\nX-A: 1\r\nX-C: 3\r\n\r\n",  // the same, and one more
            "GET /d HTTP/1.1\r\nHost: a\r\nX-A: 10\r\n\r\n",  // a longer value: not the same lines
            "GET /e HTTP/1.1\r\nHost: a\r\nX-A: 10\r\n\r\n",
            "GET /f HTTP/1.0\r\n\r\n",  // none at all
            "GET /g HTTP/1.1\r\nHost: a\r\nX-A: 10\r\n\r\n",
        ]
        let expected: [[String]] = [
            ["Host: a", "X-A: 1"], ["Host: a", "X-A: 1"], ["Host: a", "X-A: 1", "X-C: 3"], ["Host: a", "X-A: 10"],
            ["Host: a", "X-A: 10"], [], ["Host: a", "X-A: 10"],
        ]
        let raw = Array(heads.joined().utf8)
        func fields(_ request: HTTPRequest) -> [String] { request.headers.map { "\($0.name): \($0.value)" } }
        for chunks in Self.feeds(raw, splitEvery: 7) {
            let requests = try Self.requests(fedIn: chunks)
            #expect(requests.map(fields) == expected, "fed in \(chunks.count) pieces")
            #expect(requests.map(\.target) == ["/a", "/b?q=1", "/c", "/d", "/e", "/f", "/g"])
            #expect(requests.map(\.headers.count) == expected.map(\.count))
            #expect(
                requests[2].method == .head && requests[2].headers["x-c"] == "3" && requests[1].headers["x-c"] == nil)
        }
    }

    @Test("lines that change on every head, then repeat, then change again read as sent")
    func changingFieldLines() throws {
        // Ids 0-9 differ each time (the kept request and field lines are replaced only as their back-offs
        // allow), 10-19 repeat one id, 20-29 differ again. The id is in the target and in a field.
        let ids = (0..<30).map { $0 < 10 || $0 >= 20 ? "id-\($0)" : "same" }
        var parser = RequestParser()
        parser.append(WireCase.bytes(ids.map { "GET /\($0) HTTP/1.1\r\nHost: a\r\nX-Id: \($0)\r\n\r\n" }.joined()))
        var seen: [String] = []
        while let request = try parser.nextRequest() {
            #expect(request.target == "/" + (request.headers["x-id"] ?? "?") && request.headers.count == 2)
            seen.append(request.headers["x-id"] ?? "")
        }
        #expect(seen == ids)
    }

    @Test("request lines that repeat read exactly as if parsed anew, fed whole or split")
    func repeatedRequestLines() throws {
        let heads = [
            "GET /v1/agents/tamoxifen HTTP/1.1\r\nHost: a\r\n\r\n",
            "GET /v1/agents/tamoxifen HTTP/1.1\r\nHost: a\r\nX-A: 1\r\n\r\n",  // the same line, another field
            "GET /v1/agents/tamoxifen HTTP/1.0\r\n\r\n",  // another version
            "GET /v1/agents/tamoxifen HTTP/1.0\r\n\r\n",  // the same line, no field at all
            "HEAD /v1/agents/tamoxifen HTTP/1.1\r\nHost: a\r\n\r\n",
            "GET /v1/search?q=a%20b&x=1 HTTP/1.1\r\nHost: a\r\n\r\n",
            "GET /v1/search?q=a%20b&x=1 HTTP/1.1\r\nHost: b\r\n\r\n",
            "\r\nGET /v1/search?q=a%20b&x=1 HTTP/1.1\r\nHost: a\r\n\r\n",  // after an empty line
        ]
        try Self.expectReadAsIfAnew(heads, splitEvery: 5) { request in
            "\(request.method) \(request.target) \(request.path) \(request.query ?? "-") \(request.version) "
                + request.headers.map { "\($0.name)=\($0.value)" }.joined(separator: ",")
        }
    }

    /// Expects one parser fed `heads` in a stream, whole, byte by byte or split, to read each as a parser
    /// that has seen nothing before it reads it, as `summary` tells them apart.
    private static func expectReadAsIfAnew(
        _ heads: [String], splitEvery step: Int, summary: (HTTPRequest) -> String
    ) throws {
        let expected = try heads.map { head in
            var fresh = RequestParser()
            fresh.append(Array(head.utf8))
            return summary(try #require(try fresh.nextRequest()))
        }
        for chunks in feeds(Array(heads.joined().utf8), splitEvery: step) {
            #expect(try requests(fedIn: chunks).map(summary) == expected, "fed in \(chunks.count) pieces")
        }
    }

    @Test("whole heads that repeat read exactly as if parsed anew, bodies and all, fed whole or split")
    func repeatedHeads() throws {
        let plain = "GET /v1/agents/tamoxifen HTTP/1.1\r\nHost: a\r\nAccept-Encoding: identity\r\n\r\n"
        let withBody = "POST /v1/search HTTP/1.1\r\nHost: a\r\nContent-Length: 3\r\n\r\n"
        let heads = [
            plain, plain, plain,  // the same head again: taken whole
            "\r\n" + plain, "\r\n" + plain,  // after an empty line, itself part of the head kept
            withBody + "abc", withBody + "xyz",  // a head with a body is never taken whole
            plain,
            // One more field, then one byte less.
            "GET /v1/agents/tamoxifen HTTP/1.1\r\nHost: a\r\nAccept-Encoding: identity\r\nX-A: 1\r\n\r\n",
            "GET /v1/agents/tamoxifen HTTP/1.1\r\nHost: a\r\nAccept-Encoding: identit\r\n\r\n",
            plain,
            "GET /v1/agents/tamoxifen HTTP/1.0\r\nHost: a\r\nAccept-Encoding: identity\r\n\r\n",
            "GET /v1/agents/tamoxifen HTTP/1.0\r\nHost: a\r\nAccept-Encoding: identity\r\n\r\n",
            "GET /a HTTP/1.1\r\nHost: a\r\nConnection: close\r\n\r\n",
            "GET /a HTTP/1.1\r\nHost: a\r\nConnection: close\r\n\r\n",
        ]
        try Self.expectReadAsIfAnew(heads, splitEvery: 11) { request in
            "\(request.method) \(request.target) \(request.version) keep-alive \(request.keepAlive) "
                + request.headers.map { "\($0.name)=\($0.value)" }.joined(separator: ",")
                + " body \(String(decoding: request.body, as: UTF8.self))"
        }
        // A head left unread behind `Expect: 100-continue` ends the stream, taken whole or not.
        let expecting = "POST /a HTTP/1.1\r\nHost: a\r\nContent-Length: 5\r\nExpect: 100-continue\r\n\r\n"
        var parser = RequestParser()
        parser.append(Array((plain + plain + expecting + plain).utf8))
        #expect(try parser.nextRequest()?.target == "/v1/agents/tamoxifen")
        #expect(try parser.nextRequest()?.target == "/v1/agents/tamoxifen")
        #expect(try parser.nextRequest()?.unreadBody == true)
        #expect(try parser.nextRequest() == nil)
    }

    @Test("kept lines survive the buffer moving only whole: a head read across a compaction and an emptying")
    func keptLinesAcrossCompaction() throws {
        // A body over 4 KiB moves what follows it to the front (compaction) while a head's request line
        // is read and its first field line is not; that line is then read, emptying the buffer; the rest
        // of the head follows. Until 1.3.5 the kept field lines then started at 0 with the first line
        // gone: the next head with only the later lines took the earlier ones' fields too (a Host here,
        // a Content-Length as well).
        let body = String(repeating: "b", count: 5000)
        let segments = [
            "POST /a HTTP/1.1\r\nHost: a\r\nContent-Length: 5000\r\n\r\n\(body)GET /x HTTP/1.1\r\nHo",
            "st: a\r\n", "X-A: 1\r\n\r\n",
            "GET / HTTP/1.1\r\nX-A: 1\r\n\r\n",
        ]
        var parser = RequestParser()
        var requests: [HTTPRequest] = []
        var refused: HTTPParseError?
        for segment in segments {
            parser.append(Array(segment.utf8))
            do {
                while let request = try parser.nextRequest() { requests.append(request) }
            } catch {
                refused = error
                break
            }
        }
        #expect(requests.map(\.target) == ["/a", "/x"])
        #expect(requests.last?.headers.map(\.name) == ["Host", "X-A"])
        #expect(refused == .missingHost, "the last head has no Host: a fresh parser refuses it")

        // The same, the last head complete: it reads as a fresh parser reads it.
        parser = RequestParser()
        requests = []
        for segment in segments.dropLast() + ["GET / HTTP/1.1\r\nHost: b\r\nX-A: 1\r\n\r\n"] {
            parser.append(Array(segment.utf8))
            while let request = try parser.nextRequest() { requests.append(request) }
        }
        #expect(requests.last?.headers.map { "\($0.name)=\($0.value)" } == ["Host=b", "X-A=1"])
    }

    @Test("a request changed by its reader leaves the next one with the same line untouched")
    func repeatedLineIsShared() throws {
        var parser = RequestParser()
        let line = "GET /v1/agents/tamoxifen?x=1 HTTP/1.1\r\nHost: a\r\n\r\n"
        parser.append(WireCase.bytes(line + line))
        var first = try #require(try parser.nextRequest())
        first.path = "/changed"
        first.query = nil
        first.headers.add("X-Added", "1")
        let second = try #require(try parser.nextRequest())
        #expect(
            second.path == "/v1/agents/tamoxifen" && second.query == "x=1"
                && second.target == "/v1/agents/tamoxifen?x=1")
        #expect(second.headers.count == 1 && second.headers["x-added"] == nil)
        #expect(first.path == "/changed" && first.headers.count == 2)
    }

    @Test("repeated field lines count against the head's limits, and the whole head is checked")
    func repeatedFieldLinesAreChecked() throws {
        var limits = HTTPLimits()
        limits.maxFieldCount = 2
        var parser = RequestParser(limits: limits)
        parser.append(WireCase.bytes("GET /a HTTP/1.1\r\nHost: a\r\nX-A: 1\r\n\r\n"))
        #expect(try parser.nextRequest()?.headers.count == 2)
        parser.append(WireCase.bytes("GET /b HTTP/1.1\r\nHost: a\r\nX-A: 1\r\nX-B: 2\r\n\r\n"))
        #expect(throws: HTTPParseError.tooManyFields) { try parser.nextRequest() }

        limits = HTTPLimits()
        limits.maxHeaderSectionBytes = 25  // the two lines are 17 bytes with their CRLFs, the empty line 2
        parser = RequestParser(limits: limits)
        parser.append(WireCase.bytes("GET /a HTTP/1.1\r\nHost: a\r\nX-A: 1\r\n\r\n"))
        #expect(try parser.nextRequest()?.headers.count == 2)
        parser.append(WireCase.bytes("GET /b HTTP/1.1\r\nHost: a\r\nX-A: 1\r\nX-Bee: 2\r\n\r\n"))
        #expect(throws: HTTPParseError.headerSectionTooLarge) { try parser.nextRequest() }

        parser = RequestParser()
        parser.append(WireCase.bytes("GET /a HTTP/1.1\r\nHost: a\r\n\r\nGET /b HTTP/1.1\r\nHost: a\r\nHost: b\r\n\r\n"))
        #expect(try parser.nextRequest()?.headers["host"] == "a")
        #expect(throws: HTTPParseError.duplicateHost) { try parser.nextRequest() }

        // Lines without a Host, fine in HTTP/1.0, are not in HTTP/1.1.
        parser = RequestParser()
        parser.append(WireCase.bytes("GET /a HTTP/1.0\r\nX-A: 1\r\n\r\nGET /b HTTP/1.1\r\nX-A: 1\r\n\r\n"))
        #expect(try parser.nextRequest()?.headers["x-a"] == "1")
        #expect(throws: HTTPParseError.missingHost) { try parser.nextRequest() }
    }

    @Test("a bad escape in the query is left to the application, which can name the parameter")
    func queryEscapesAreTheApplications() throws {
        for query in ["q=100%", "q=%zz", "q=%e2%28"] {
            let request = try #require(try parse("GET /v1/search?\(query) HTTP/1.1\r\nHost: a\r\n\r\n"))
            #expect(request.query == query)
        }
        #expect(throws: HTTPParseError.unencodedQuery) {
            try parse("GET /v1/search?q=a\u{01} HTTP/1.1\r\nHost: a\r\n\r\n")
        }
    }

    @Test("raw non-ASCII in the query is named as the query's, with the advice to percent-encode")
    func unencodedQuery() throws {
        #expect(throws: HTTPParseError.unencodedQuery) {
            try parse("GET /v1/search?q=\u{C5}\u{93}strog\u{C3}\u{A8}ne HTTP/1.1\r\nHost: a\r\n\r\n")
        }
        #expect(HTTPParseError.unencodedQuery.status == .badRequest)
        #expect(HTTPParseError.unencodedQuery.detail.contains("percent-encode"))
        // In the path, the same bytes are the target's fault, as before.
        #expect(throws: HTTPParseError.invalidTarget) {
            try parse("GET /v1/\u{C5}\u{93}?q=a HTTP/1.1\r\nHost: a\r\n\r\n")
        }
    }

    @Test(
        "a path reads the same with its characters escaped or not; dot segments are refused either way",
        arguments: [
            ("/v1/agents/tamoxifen", "/v1/agents/%74amoxifen", "/v1/agents/tamoxifen"),
            ("/a//b/", "/a//%62/", "/a//b/"),
            ("/.a/..b", "/%2Ea/%2e%2Eb", "/.a/..b"),
            ("/a/./b", "/a/%2e/b", nil),
            ("/a/../b", "/a/%2E%2E/b", nil),
            ("/a/.", "/a/%2e", nil),
            ("/..", "/%2e%2e", nil),
        ] as [(String, String, String?)])
    func plainAndEscapedPaths(plain: String, escaped: String, expected: String?) throws {
        for target in [plain, escaped] {
            let raw = "GET \(target) HTTP/1.1\r\nHost: a\r\n\r\n"
            if let expected {
                #expect(try parse(raw)?.path == expected, "\(target)")
            } else {
                #expect(throws: HTTPParseError.invalidTarget, "\(target)") { try parse(raw) }
            }
        }
    }

    @Test("obs-text survives as ISO-8859-1")
    func obsText() throws {
        let request = try #require(try parse("GET / HTTP/1.1\r\nHost: a\r\nX-A: a\u{FF}b\r\n\r\n"))
        #expect(request.headers["X-A"] == "a\u{FF}b")
    }

    @Test(
        "keep-alive follows RFC 9112 §9.3",
        arguments: [
            ("GET / HTTP/1.1\r\nHost: a\r\n\r\n", true),
            ("GET / HTTP/1.1\r\nHost: a\r\nConnection: Close\r\n\r\n", false),
            ("GET / HTTP/1.1\r\nHost: a\r\nConnection: keep-alive, close\r\n\r\n", false),
            ("GET / HTTP/1.0\r\n\r\n", false),
            ("GET / HTTP/1.0\r\nConnection: Keep-Alive\r\n\r\n", true),
        ])
    func keepAlive(raw: String, expected: Bool) throws {
        #expect(try #require(try parse(raw)).keepAlive == expected)
    }

    @Test("stays failed after an error")
    func staysFailed() {
        var parser = RequestParser()
        parser.append(WireCase.bytes("GET / HTTP/9.9\r\n\r\nGET / HTTP/1.1\r\nHost: a\r\n\r\n"))
        #expect(throws: HTTPParseError.unsupportedVersion) { try parser.nextRequest() }
        #expect(throws: HTTPParseError.unsupportedVersion) { try parser.nextRequest() }
        #expect(parser.phase == .failed)
    }

    @Test("reports its phase: idle, head, body")
    func phases() throws {
        var parser = RequestParser()
        #expect(parser.phase == .idle)
        parser.append(WireCase.bytes("POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 3\r\n"))
        #expect(try parser.nextRequest() == nil)
        #expect(parser.phase == .head)
        parser.append(WireCase.bytes("\r\nab"))
        #expect(try parser.nextRequest() == nil)
        #expect(parser.phase == .body)
        parser.append(WireCase.bytes("c"))
        #expect(try parser.nextRequest()?.body == Array("abc".utf8))
        #expect(parser.phase == .idle)
    }

    @Test("a request with Expect: 100-continue and a body is returned before the body, and ends framing")
    func expectContinue() throws {
        var parser = RequestParser()
        parser.append(WireCase.bytes("PUT / HTTP/1.1\r\nHost: a\r\nContent-Length: 2\r\nExpect: 100-continue\r\n\r\n"))
        let request = try #require(try parser.nextRequest())
        #expect(request.unreadBody)
        #expect(!request.keepAlive)
        parser.append(WireCase.bytes("hiGET / HTTP/1.1\r\nHost: a\r\n\r\n"))
        #expect(try parser.nextRequest() == nil)
        #expect(parser.phase == .finished)
    }
}

@Suite("RequestParser limits: at, under and over")
struct RequestParserLimitTests {
    static var limits: HTTPLimits {
        var limits = HTTPLimits()
        limits.maxRequestLineBytes = 64
        limits.maxFieldLineBytes = 32
        limits.maxHeaderSectionBytes = 128
        limits.maxFieldCount = 4
        limits.maxBodyBytes = 10
        return limits
    }

    private func outcome(_ text: String, limits: HTTPLimits = Self.limits) -> [ParseOutcome] {
        let bytes = WireCase.bytes(text)
        let whole = parseOutcomes([bytes[...]], limits: limits)
        let byteByByte = parseOutcomes(bytes.indices.map { bytes[$0...$0] }, limits: limits)
        #expect(whole == byteByByte)
        return whole
    }

    /// A request line of exactly `length` bytes.
    private func requestLine(_ length: Int) -> String {
        "GET /" + String(repeating: "a", count: length - "GET / HTTP/1.1".count) + " HTTP/1.1"
    }

    @Test("request line", arguments: [(63, false), (64, false), (65, true)])
    func requestLine(length: Int, rejected: Bool) {
        let result = outcome(requestLine(length) + "\r\nHost: a\r\n\r\n")
        #expect(
            result
                == (rejected
                    ? [.error(.requestLineTooLong)]
                    : [.request(method: "GET", path: "/" + String(repeating: "a", count: length - 14), body: "")]))
    }

    @Test("request line over the limit is refused before its end arrives")
    func requestLineEarly() {
        #expect(outcome(requestLine(200)) == [.error(.requestLineTooLong)])
    }

    @Test("a bare CR is refused once the byte after it arrives, before the line ends")
    func bareCarriageReturnEarly() {
        #expect(outcome("GET / HTTP/1.1\r\nX-A: a\rb") == [.error(.bareCarriageReturn)])
        // A CR that is the last byte so far may be its line's end: the parser waits for the next one.
        var parser = RequestParser(limits: Self.limits)
        parser.append(WireCase.bytes("GET / HTTP/1.1\r\nHost: a\r"))
        #expect((try? parser.nextRequest()) == .some(nil))
        parser.append(WireCase.bytes("\n\r\n"))
        #expect((try? parser.nextRequest())??.path == "/")
    }

    @Test(
        "a line is judged by its bytes up to its first CR or LF: too long, or ended wrongly",
        arguments: [(32, HTTPParseError.bareCarriageReturn), (33, .fieldLineTooLong)])
    func firstBreakDecides(length: Int, error: HTTPParseError) {
        let line = "X-A: " + String(repeating: "a", count: length - 5)
        #expect(
            outcome("GET / HTTP/1.1\r\n" + line + "\rb" + String(repeating: "c", count: 40) + "\r\n\r\n") == [
                .error(error)
            ])
    }

    @Test("one field line", arguments: [(31, false), (32, false), (33, true)])
    func fieldLine(length: Int, rejected: Bool) {
        let field = "X: " + String(repeating: "v", count: length - 3)
        let result = outcome("GET / HTTP/1.1\r\nHost: a\r\n\(field)\r\n\r\n")
        #expect(result == (rejected ? [.error(.fieldLineTooLong)] : [.request("GET", "/")]))
    }

    @Test("field count", arguments: [(3, false), (4, false), (5, true)])
    func fieldCount(count: Int, rejected: Bool) {
        let fields = (1..<count).map { "X-\($0): v\r\n" }.joined()
        let result = outcome("GET / HTTP/1.1\r\nHost: a\r\n\(fields)\r\n")
        #expect(result == (rejected ? [.error(.tooManyFields)] : [.request("GET", "/")]))
    }

    @Test("header section", arguments: [(127, false), (128, false), (129, true)])
    func headerSection(size: Int, rejected: Bool) {
        // Host line + 3 fields; the last one pads the section (fields + CRLFs + final CRLF) to `size`.
        var limits = Self.limits
        limits.maxFieldLineBytes = 64
        let fixed = "Host: a\r\n" + "X-1: 1234567890123456789012345\r\n" + "X-2: 1234567890123456789012345\r\n"
        let padding = size - fixed.utf8.count - 2 - "X-3: \r\n".utf8.count
        let section = fixed + "X-3: " + String(repeating: "p", count: padding) + "\r\n\r\n"
        #expect(section.utf8.count == size)
        let result = outcome("GET / HTTP/1.1\r\n" + section, limits: limits)
        #expect(result == (rejected ? [.error(.headerSectionTooLarge)] : [.request("GET", "/")]))
    }

    @Test("Content-Length body", arguments: [(9, false), (10, false), (11, true)])
    func contentLength(length: Int, rejected: Bool) {
        let body = String(repeating: "b", count: length)
        let result = outcome("POST / HTTP/1.1\r\nHost: a\r\nContent-Length: \(length)\r\n\r\n\(body)")
        #expect(result == (rejected ? [.error(.contentTooLarge)] : [.request(method: "POST", path: "/", body: body)]))
    }

    @Test("chunked body", arguments: [(9, false), (10, false), (11, true)])
    func chunked(length: Int, rejected: Bool) {
        let body = String(repeating: "b", count: length)
        let chunks =
            "5\r\nbbbbb\r\n\(String(length - 5, radix: 16))\r\n\(String(repeating: "b", count: length - 5))\r\n0\r\n\r\n"
        let result = outcome("POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n" + chunks)
        #expect(result == (rejected ? [.error(.contentTooLarge)] : [.request(method: "POST", path: "/", body: body)]))
    }

    @Test("leading empty lines", arguments: [(4, false), (5, true)])
    func leadingEmptyLines(count: Int, rejected: Bool) {
        let result = outcome(String(repeating: "\r\n", count: count) + "GET / HTTP/1.1\r\nHost: a\r\n\r\n")
        #expect(result == (rejected ? [.error(.invalidRequestLine)] : [.request("GET", "/")]))
    }
}
