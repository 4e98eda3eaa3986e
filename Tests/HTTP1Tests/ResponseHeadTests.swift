import HTTP1
import Testing

@Suite("ResponseHead serializes byte for byte")
struct ResponseHeadTests {
    let date = "Sun, 06 Nov 1994 08:49:37 GMT"

    private func text(_ response: HTTPResponse, _ connection: ResponseHead.ConnectionDirective = .keepAlive) -> String {
        String(decoding: ResponseHead.bytes(for: response, date: date, connection: connection), as: UTF8.self)
    }

    @Test("decimal digits are the number's, at every length up to Int.max")
    func decimalDigits() {
        var values = [0, 1, 9, 10, 99, 100, 919, 16_384, 999_999, 1_000_000, Int.max]
        var power = 1
        while power <= Int.max / 10 {
            power *= 10
            values += [power - 1, power, power + 1]
        }
        values += (0..<1000).map { _ in Int.random(in: 0...Int.max) }
        for value in values {
            let count = DecimalDigits.count(value)
            let text = [UInt8](unsafeUninitializedCapacity: count) { buffer, written in
                DecimalDigits.write(value, count: count, to: buffer.baseAddress!)
                written = count
            }
            #expect(String(decoding: text, as: UTF8.self) == String(value))
        }
    }

    @Test("200 with a body: status line, Date, fields in order, Content-Length")
    func ok() {
        let response = HTTPResponse(
            status: .ok, headers: HTTPHeaders([("Content-Type", "application/json"), ("ETag", "\"x\"")]),
            body: Array("{}".utf8))
        #expect(
            text(response)
                == "HTTP/1.1 200 OK\r\nDate: Sun, 06 Nov 1994 08:49:37 GMT\r\nContent-Type: application/json\r\n"
                + "ETag: \"x\"\r\nContent-Length: 2\r\n\r\n")
    }

    @Test("Connection: close and Connection: keep-alive when asked")
    func connection() {
        let response = HTTPResponse(status: .notFound)
        #expect(
            text(response, .close)
                == "HTTP/1.1 404 Not Found\r\nDate: \(date)\r\nContent-Length: 0\r\nConnection: close\r\n\r\n")
        #expect(
            text(response, .keepAliveHTTP10)
                == "HTTP/1.1 404 Not Found\r\nDate: \(date)\r\nContent-Length: 0\r\nConnection: keep-alive\r\n\r\n")
    }

    @Test("204 and 304 carry no Content-Length")
    func noContent() {
        #expect(text(HTTPResponse(status: .noContent)) == "HTTP/1.1 204 No Content\r\nDate: \(date)\r\n\r\n")
        #expect(
            text(HTTPResponse(status: .notModified, headers: HTTPHeaders([("ETag", "\"a\"")])))
                == "HTTP/1.1 304 Not Modified\r\nDate: \(date)\r\nETag: \"a\"\r\n\r\n")
    }

    @Test("framing fields from the responder are replaced, never duplicated")
    func framingFields() {
        let response = HTTPResponse(
            status: .ok,
            headers: HTTPHeaders([
                ("Content-Length", "999"), ("connection", "keep-alive"), ("Date", "yesterday"),
                ("Transfer-Encoding", "chunked"),
            ]), body: [0x41])
        #expect(
            text(response, .close)
                == "HTTP/1.1 200 OK\r\nDate: \(date)\r\nContent-Length: 1\r\nConnection: close\r\n\r\n")
    }

    @Test(
        "a field with CR, LF, NUL or a bad name is never written",
        arguments: [
            ("X-Split", "a\r\nSet-Cookie: x=1"), ("X-LF", "a\nb"), ("X-NUL", "a\u{0}b"), ("Bad Name", "v"),
            ("", "v"), ("X-Big", "δ"),
        ])
    func unsafeField(name: String, value: String) {
        let response = HTTPResponse(status: .ok, headers: HTTPHeaders([(name, value), ("X-Kept", "yes")]))
        #expect(text(response) == "HTTP/1.1 200 OK\r\nDate: \(date)\r\nX-Kept: yes\r\nContent-Length: 0\r\n\r\n")
    }

    @Test("Content-Length in decimal at every number of digits", arguments: [0, 1, 9, 10, 99, 100, 16_394, 1_000_000])
    func contentLength(count: Int) {
        let response = HTTPResponse(status: .ok, body: [UInt8](repeating: 0x61, count: count))
        #expect(text(response) == "HTTP/1.1 200 OK\r\nDate: \(date)\r\nContent-Length: \(count)\r\n\r\n")
    }

    @Test("a status's code and reason phrase as given: 200 with another phrase is not written as 200 OK")
    func statusLine() {
        for (status, line) in [
            (HTTPStatus.ok, "HTTP/1.1 200 OK"), (HTTPStatus(code: 200, reasonPhrase: "Fine"), "HTTP/1.1 200 Fine"),
            (.httpVersionNotSupported, "HTTP/1.1 505 HTTP Version Not Supported"),
            (HTTPStatus(code: 599, reasonPhrase: "Odd One"), "HTTP/1.1 599 Odd One"),
        ] {
            #expect(text(HTTPResponse(status: status)) == "\(line)\r\nDate: \(date)\r\nContent-Length: 0\r\n\r\n")
        }
    }

    @Test("tabs and visible characters are kept; DEL or a control character anywhere drops the field")
    func fieldValueCharacters() {
        let response = HTTPResponse(
            status: .ok,
            headers: HTTPHeaders([
                ("X-Tab", "a\tb ~"), ("X-Del", "a\u{7F}"), ("X-Late", "ä\u{1}"), ("X-Latin", "ä"), ("X-Wide", "äδ"),
            ]))
        let bytes = ResponseHead.bytes(for: response, date: date, connection: .keepAlive)
        #expect(
            bytes
                == Array("HTTP/1.1 200 OK\r\nDate: \(date)\r\nX-Tab: a\tb ~\r\nX-Latin: ".utf8) + [0xE4]
                + Array("\r\nContent-Length: 0\r\n\r\n".utf8))
    }

    @Test("obs-text values go out as single bytes")
    func obsText() {
        let response = HTTPResponse(status: .ok, headers: HTTPHeaders([("X-A", "a\u{FF}")]))
        let bytes = ResponseHead.bytes(for: response, date: date, connection: .keepAlive)
        #expect(bytes.contains(0xFF))
        #expect(!bytes.contains(0xC3))
    }

    @Test("problem+json: RFC 9457 members in the RFC's order, escaped, and a final newline")
    func problem() {
        let response = HTTPResponse.problem(status: .badRequest, detail: "bad \"x\"\n")
        #expect(response.headers["Content-Type"] == "application/problem+json")
        #expect(
            String(decoding: response.body, as: UTF8.self)
                == #"{"type":"about:blank","title":"Bad Request","status":400,"detail":"bad \"x\"\n"}"# + "\n")
    }
}

@Suite("HTTPDate formats IMF-fixdate")
struct HTTPDateTests {
    @Test(
        "known instants",
        arguments: [
            (0, "Thu, 01 Jan 1970 00:00:00 GMT"),
            (784_111_777, "Sun, 06 Nov 1994 08:49:37 GMT"),
            (951_782_400, "Tue, 29 Feb 2000 00:00:00 GMT"),
            (1_798_761_599, "Thu, 31 Dec 2026 23:59:59 GMT"),
            (4_107_542_400, "Mon, 01 Mar 2100 00:00:00 GMT"),
        ])
    func instants(seconds: Int, text: String) {
        #expect(HTTPDate.format(secondsSince1970: seconds) == text)
    }
}

@Suite("HTTPParseError maps to one status each")
struct HTTPParseErrorTests {
    @Test(
        "status mapping",
        arguments: [
            (HTTPParseError.requestLineTooLong, 414), (.fieldLineTooLong, 431), (.headerSectionTooLarge, 431),
            (.tooManyFields, 431), (.unsupportedVersion, 505), (.unsupportedMethod, 501),
            (.unsupportedTransferCoding, 501), (.contentTooLarge, 413), (.unsupportedExpectation, 417),
            (.requestTimeout, 408), (.invalidChunk, 400), (.missingHost, 400),
        ])
    func status(error: HTTPParseError, code: Int) {
        #expect(error.status.code == code)
        #expect(!error.detail.isEmpty)
    }
}

@Suite("HTTPMethod")
struct HTTPMethodTests {
    @Test("isRecognised holds for exactly the recognised methods, case-sensitively")
    func recognised() {
        for method in HTTPMethod.recognised { #expect(method.isRecognised, "\(method)") }
        for token in ["get", "Get", "GETS", "FOO", "PROPFIND", "M-SEARCH", "head"] {
            #expect(!HTTPMethod(token).isRecognised, "\(token)")
        }
    }
}

@Suite("Byte slices: OWS trimming and case-insensitive comparison")
struct ByteSliceTests {
    @Test("trims spaces and tabs at both ends only; compares ASCII letters without case")
    func trimAndCompare() {
        for (text, trimmed) in [(" \tgzip \t", "gzip"), ("a b", "a b"), (" \t ", ""), ("", ""), ("\u{E9} ", "\u{E9}")] {
            Array(text.utf8).withUnsafeBufferPointer { bytes in
                #expect(String(decoding: bytes[...].trimmingOWS(), as: UTF8.self) == trimmed, "\(text)")
            }
        }
        Array("X-GZip".utf8).withUnsafeBufferPointer { bytes in
            #expect(bytes[...].equalsIgnoringASCIICase("x-gzip"))
            #expect(!bytes[...].equalsIgnoringASCIICase("x-gzi"))
            #expect(!bytes[...].equalsIgnoringASCIICase("x_gzip"))
        }
    }
}

@Suite("ResponseHead writes the request id")
struct RequestIDFieldTests {
    @Test("after every other field, as X-Request-Id; left out when unsafe")
    func requestID() {
        var response = HTTPResponse(status: .ok, headers: HTTPHeaders([("ETag", "\"a\"")]), body: Array("{}".utf8))
        response.requestID = "abc-123"
        let head = String(decoding: ResponseHead.bytes(for: response, date: "D", connection: .keepAlive), as: UTF8.self)
        #expect(
            head == "HTTP/1.1 200 OK\r\nDate: D\r\nETag: \"a\"\r\nX-Request-Id: abc-123\r\nContent-Length: 2\r\n\r\n")
        for unsafe in ["a\r\nSet-Cookie: x=1", "a\u{0}b", "é"] {
            response.requestID = unsafe
            let head = String(
                decoding: ResponseHead.bytes(for: response, date: "D", connection: .keepAlive), as: UTF8.self)
            #expect(head == "HTTP/1.1 200 OK\r\nDate: D\r\nETag: \"a\"\r\nContent-Length: 2\r\n\r\n")
        }
    }
}

@Suite("ResponseHead writes a head of encoded fields as it writes the same fields given one by one")
struct EncodedHeadTests {
    static let fields = HTTPHeaders([
        ("ETag", "\"a1\""), ("Content-Type", "application/json"), ("Cache-Control", "max-age=300"),
        ("Vary", "Accept-Encoding"),
    ])

    @Test(
        "every directive, request id and length",
        arguments: [ResponseHead.ConnectionDirective.keepAlive, .keepAliveHTTP10, .close],
        [nil, "", "9aaf4c000000001", "a\r\nSet-Cookie: x=1", "é"])
    func sameBytes(directive: ResponseHead.ConnectionDirective, requestID: String?) {
        for length in [0, 7, 10, 999, 1_000, 123_456_789] {
            var encoded = HTTPResponse(
                status: .ok, body: [UInt8](repeating: 0x61, count: length),
                encodedHeaders: ResponseHead.encode(Self.fields))
            var given = HTTPResponse(status: .ok, headers: Self.fields, body: encoded.body)
            encoded.requestID = requestID
            given.requestID = requestID
            let date = ResponseHead.DateField("Sun, 06 Nov 1994 08:49:37 GMT")
            let head = ResponseHead.bytes(for: encoded, date: date, connection: directive)
            #expect(head == ResponseHead.bytes(for: given, date: date, connection: directive), "length \(length)")
            #expect(String(decoding: head, as: UTF8.self).contains("Content-Length: \(length)\r\n"))
        }
    }
}
