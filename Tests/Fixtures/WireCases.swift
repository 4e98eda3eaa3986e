import HTTP1

extension WireCase {
    static let itemsGET = ParseOutcome.request("GET", "/items/1")

    /// Cases A–I of http11-cases.md (the T cases need clocks and live in the integration tests), plus a few
    /// of our own marked X.
    public static let all: [WireCase] =
        framing + headerSyntax + requestLine + sizeLimits + hostAndTargetForms + pathDecoding + connection + fragments
        + extras

    public static let framing: [WireCase] = [
        WireCase(
            "A1 CL and TE together",
            "POST /items/1 HTTP/1.1\r\nHost: a\r\nContent-Length: 4\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n",
            parsed: [.error(.contentLengthWithTransferEncoding)], statuses: [400], closes: true),
        WireCase(
            "A2 two different Content-Length values",
            "POST /items/1 HTTP/1.1\r\nHost: a\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\nab",
            parsed: [.error(.invalidContentLength)], statuses: [400], closes: true),
        WireCase(
            "A3 two equal Content-Length values",
            "GET /items/1 HTTP/1.1\r\nHost: a\r\nContent-Length: 1\r\nContent-Length: 1\r\n\r\na",
            parsed: [.error(.invalidContentLength)], statuses: [400], closes: true),
        WireCase(
            "A4 Content-Length with a sign", "GET /items/1 HTTP/1.1\r\nHost: a\r\nContent-Length: +5\r\n\r\nhello",
            parsed: [.error(.invalidContentLength)], statuses: [400], closes: true),
        WireCase(
            "A5 negative Content-Length", "GET /items/1 HTTP/1.1\r\nHost: a\r\nContent-Length: -1\r\n\r\n",
            parsed: [.error(.invalidContentLength)], statuses: [400], closes: true),
        WireCase(
            "A6 hexadecimal Content-Length", "GET /items/1 HTTP/1.1\r\nHost: a\r\nContent-Length: 0x5\r\n\r\nhello",
            parsed: [.error(.invalidContentLength)], statuses: [400], closes: true),
        WireCase(
            "A7 Content-Length with an inner space", "GET /items/1 HTTP/1.1\r\nHost: a\r\nContent-Length: 1 2\r\n\r\n",
            parsed: [.error(.invalidContentLength)], statuses: [400], closes: true),
        WireCase(
            "A8 empty Content-Length", "GET /items/1 HTTP/1.1\r\nHost: a\r\nContent-Length:\r\n\r\n",
            parsed: [.error(.invalidContentLength)], statuses: [400], closes: true),
        WireCase(
            "A9 Content-Length beyond 2^64",
            "GET /items/1 HTTP/1.1\r\nHost: a\r\nContent-Length: 99999999999999999999999\r\n\r\n",
            parsed: [.error(.invalidContentLength)], statuses: [400], closes: true),
        WireCase(
            "A10 chunked not the final coding",
            "POST /items/1 HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked, gzip\r\n\r\n0\r\n\r\n",
            parsed: [.error(.chunkedNotFinal)], statuses: [400], closes: true),
        WireCase(
            "A11 unknown transfer coding", "POST /items/1 HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: gzip\r\n\r\n",
            parsed: [.error(.unsupportedTransferCoding)], statuses: [501], closes: true),
        WireCase(
            "A12 obfuscated chunkedchunked",
            "POST /items/1 HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunkedchunked\r\n\r\n0\r\n\r\n",
            parsed: [.error(.unsupportedTransferCoding)], statuses: [501], closes: true),
        WireCase(
            "A13 space before the colon of Transfer-Encoding",
            "POST /items/1 HTTP/1.1\r\nHost: a\r\nTransfer-Encoding : chunked\r\nContent-Length: 4\r\n\r\n0\r\n\r\n",
            parsed: [.error(.whitespaceBeforeColon)], statuses: [400], closes: true),
        WireCase(
            "A14 Transfer-Encoding in HTTP/1.0",
            "POST /items/1 HTTP/1.0\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n",
            parsed: [.error(.transferEncodingInHTTP10)], statuses: [400], closes: true),
        WireCase(
            "A15 chunk data not followed by CRLF",
            "POST /items/1 HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nxxx__1a\r\n0\r\n\r\n",
            parsed: [.error(.invalidChunk)], statuses: [400], closes: true),
        WireCase(
            "A16 chunk size overflow",
            "POST /items/1 HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\nFFFFFFFFFFFFFFFFFFFFFFFF\r\nx\r\n",
            parsed: [.error(.invalidChunk)], statuses: [400], closes: true),
        WireCase(
            "A17 chunk size with a trailing space",
            "POST /items/1 HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\na \r\n0123456789\r\n0\r\n\r\n",
            parsed: [.error(.invalidChunk)], statuses: [400], closes: true),
        WireCase(
            "A18 bare LF inside the header section",
            "POST /items/1 HTTP/1.1\r\nHost: a\r\nx:x\nTransfer-Encoding: chunked\r\n\r\n1\r\nA\r\n0\r\n\r\n",
            parsed: [.error(.bareLineFeed)], statuses: [400], closes: true),
        WireCase(
            "A19 obs-fold continuing Transfer-Encoding",
            "POST /items/1 HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n  abc\r\n\r\n0\r\n\r\n",
            parsed: [.error(.obsoleteLineFolding)], statuses: [400], closes: true),
    ]

    public static let headerSyntax: [WireCase] = [
        WireCase(
            "B1 space between name and colon", "GET /items/1 HTTP/1.1\r\nHost : a\r\n\r\n",
            parsed: [.error(.whitespaceBeforeColon)], statuses: [400], closes: true),
        WireCase(
            "B2 tab between name and colon", "GET /items/1 HTTP/1.1\r\nHost: a\r\nFoo\t: bar\r\n\r\n",
            parsed: [.error(.whitespaceBeforeColon)], statuses: [400], closes: true),
        WireCase(
            "B3 obs-fold in an ordinary field", "GET /items/1 HTTP/1.1\r\nHost: a\r\nX-A: one\r\n two\r\n\r\n",
            parsed: [.error(.obsoleteLineFolding)], statuses: [400], closes: true),
        WireCase(
            "B4 first field line starts with a space", "GET /items/1 HTTP/1.1\r\n Host: a\r\n\r\n",
            parsed: [.error(.obsoleteLineFolding)], statuses: [400], closes: true),
        WireCase(
            "B5 bare CR inside a value", "GET /items/1 HTTP/1.1\r\nHost: a\r\nX-A: a\rb\r\n\r\n",
            parsed: [.error(.bareCarriageReturn)], statuses: [400], closes: true),
        WireCase(
            "B6 NUL inside a value", "GET /items/1 HTTP/1.1\r\nHost: a\r\nX-A: a\u{00}b\r\n\r\n",
            parsed: [.error(.invalidFieldValue)], statuses: [400], closes: true),
        WireCase(
            "B7 DEL inside a value", "GET /items/1 HTTP/1.1\r\nHost: a\r\nX-A: a\u{7F}b\r\n\r\n",
            parsed: [.error(.invalidFieldValue)], statuses: [400], closes: true),
        WireCase(
            "B8 obs-text 0xFF in a value is legal", "GET /items/1 HTTP/1.1\r\nHost: a\r\nX-A: a\u{FF}b\r\n\r\n",
            parsed: [itemsGET], statuses: [200], closes: false),
        WireCase(
            "B9 invalid character in a field name", "GET /items/1 HTTP/1.1\r\nHost: a\r\nFo@: x\r\n\r\n",
            parsed: [.error(.invalidFieldName)], statuses: [400], closes: true),
        WireCase(
            "B10 space inside a field name", "GET /items/1 HTTP/1.1\r\nHost: a\r\nA space: x\r\n\r\n",
            parsed: [.error(.invalidFieldName)], statuses: [400], closes: true),
        WireCase(
            "B11 empty field name", "GET /items/1 HTTP/1.1\r\nHost: a\r\n: x\r\n\r\n",
            parsed: [.error(.invalidFieldName)], statuses: [400], closes: true),
        WireCase(
            "B12 field line without a colon", "GET /items/1 HTTP/1.1\r\nHost: a\r\nNoColon\r\n\r\n",
            parsed: [.error(.invalidFieldName)], statuses: [400], closes: true),
        WireCase(
            "B13 bare LF line endings throughout", "GET /items/1 HTTP/1.1\nHost: a\n\n",
            parsed: [.error(.bareLineFeed)], statuses: [400], closes: true),
    ]

    public static let requestLine: [WireCase] = [
        WireCase(
            "C1 invalid character in the method", "G(ET /items/1 HTTP/1.1\r\nHost: a\r\n\r\n",
            parsed: [.error(.invalidMethod)], statuses: [400], closes: true),
        WireCase(
            "C2 unknown method token", "FOO /items/1 HTTP/1.1\r\nHost: a\r\n\r\n",
            parsed: [.request("FOO", "/items/1")], statuses: [501], closes: false),
        WireCase(
            "C3 known method the resource lacks", "DELETE /items/1 HTTP/1.1\r\nHost: a\r\n\r\n",
            parsed: [.request("DELETE", "/items/1")], statuses: [405], closes: false),
        WireCase(
            "C4 lower-case method", "get /items/1 HTTP/1.1\r\nHost: a\r\n\r\n",
            parsed: [.request("get", "/items/1")], statuses: [501], closes: false),
        WireCase(
            "C5 HTTP/2.0 on an HTTP/1 port", "GET /items/1 HTTP/2.0\r\nHost: a\r\n\r\n",
            parsed: [.error(.unsupportedVersion)], statuses: [505], closes: true),
        WireCase(
            "C6 HTTP/3.0", "GET /items/1 HTTP/3.0\r\nHost: a\r\n\r\n",
            parsed: [.error(.unsupportedVersion)], statuses: [505], closes: true),
        WireCase(
            "C7 HTTP/1.2 is served as HTTP/1.1", "GET /items/1 HTTP/1.2\r\nHost: a\r\n\r\n",
            parsed: [itemsGET], statuses: [200], closes: false),
        WireCase(
            "C8 two-digit minor version", "GET /items/1 HTTP/1.10\r\nHost: a\r\n\r\n",
            parsed: [.error(.invalidVersion)], statuses: [400], closes: true),
        WireCase(
            "C9 lower-case http", "GET /items/1 http/1.1\r\nHost: a\r\n\r\n",
            parsed: [.error(.invalidVersion)], statuses: [400], closes: true),
        WireCase(
            "C10 two spaces after the method", "GET  /items/1 HTTP/1.1\r\nHost: a\r\n\r\n",
            parsed: [.error(.invalidRequestLine)], statuses: [400], closes: true),
        WireCase(
            "C11 space inside the target", "GET /foo bar HTTP/1.1\r\nHost: a\r\n\r\n",
            parsed: [.error(.invalidVersion)], statuses: [400], closes: true),
        WireCase(
            "C12 HTTP/0.9 request", "GET /items/1\r\n\r\n",
            parsed: [.error(.invalidRequestLine)], statuses: [400], closes: true),
        WireCase(
            "C13 empty line before the request line", "\r\nGET /items/1 HTTP/1.1\r\nHost: a\r\n\r\n",
            parsed: [itemsGET], statuses: [200], closes: false),
        WireCase(
            "C14 control character in the target", "GET /\u{01} HTTP/1.1\r\nHost: a\r\n\r\n",
            parsed: [.error(.invalidTarget)], statuses: [400], closes: true),
        WireCase(
            "C15 raw UTF-8 in the target", "GET /\u{CE}\u{B4} HTTP/1.1\r\nHost: a\r\n\r\n",
            parsed: [.error(.invalidTarget)], statuses: [400], closes: true),
        WireCase(
            "C16 target without a leading slash", "GET items/1 HTTP/1.1\r\nHost: a\r\n\r\n",
            parsed: [.error(.invalidTarget)], statuses: [400], closes: true),
        WireCase(
            "C17 garbage after the version", "GET /items/1 HTTP/1.1 x\r\nHost: a\r\n\r\n",
            parsed: [.error(.invalidVersion)], statuses: [400], closes: true),
    ]

    public static let sizeLimits: [WireCase] = [
        WireCase(
            "D1 100 KiB request target",
            "GET /" + String(repeating: "a", count: 100_000) + " HTTP/1.1\r\nHost: a\r\n\r\n",
            parsed: [.error(.requestLineTooLong)], statuses: [414], closes: true),
        WireCase(
            "D2 one 100 KiB header field",
            "GET /items/1 HTTP/1.1\r\nHost: a\r\nX-Big: " + String(repeating: "a", count: 100_000) + "\r\n\r\n",
            parsed: [.error(.fieldLineTooLong)], statuses: [431], closes: true),
        WireCase(
            "D3 500 small header fields",
            "GET /items/1 HTTP/1.1\r\nHost: a\r\n" + (0..<500).map { "X-\($0): v\r\n" }.joined() + "\r\n",
            parsed: [.error(.tooManyFields)], statuses: [431], closes: true),
        WireCase(
            "D4 GET announcing 10 GB", "GET /items/1 HTTP/1.1\r\nHost: a\r\nContent-Length: 10000000000\r\n\r\nabc",
            parsed: [.error(.contentTooLarge)], statuses: [413], closes: true),
    ]

    public static let hostAndTargetForms: [WireCase] = [
        WireCase(
            "E1 HTTP/1.1 without Host", "GET /items/1 HTTP/1.1\r\n\r\n",
            parsed: [.error(.missingHost)], statuses: [400], closes: true),
        WireCase(
            "E2 two Host fields", "GET /items/1 HTTP/1.1\r\nHost: a\r\nHost: b\r\n\r\n",
            parsed: [.error(.duplicateHost)], statuses: [400], closes: true),
        WireCase(
            "E3 invalid Host value", "GET /items/1 HTTP/1.1\r\nHost: {\r\n\r\n",
            parsed: [.error(.invalidHost)], statuses: [400], closes: true),
        WireCase(
            "E4 HTTP/1.0 without Host", "GET /items/1 HTTP/1.0\r\n\r\n",
            parsed: [itemsGET], statuses: [200], closes: true),
        WireCase(
            "E5 absolute-form target", "GET http://example.com/items/1 HTTP/1.1\r\nHost: other\r\n\r\n",
            parsed: [itemsGET], statuses: [200], closes: false),
        WireCase(
            "E6 absolute-form with a non-http scheme", "GET ftp://example.com/items/1 HTTP/1.1\r\nHost: a\r\n\r\n",
            parsed: [.error(.invalidTarget)], statuses: [400], closes: true),
        WireCase(
            "E7 asterisk-form with GET", "GET * HTTP/1.1\r\nHost: a\r\n\r\n",
            parsed: [.error(.invalidTarget)], statuses: [400], closes: true),
        WireCase(
            "E8 CONNECT", "CONNECT example.com:443 HTTP/1.1\r\nHost: example.com:443\r\n\r\n",
            parsed: [.error(.unsupportedMethod)], statuses: [501], closes: true),
    ]

    public static let pathDecoding: [WireCase] = [
        WireCase(
            "F1 dot-dot traversal", "GET /../../../../etc/passwd HTTP/1.1\r\nHost: a\r\n\r\n",
            parsed: [.error(.invalidTarget)], statuses: [400], closes: true),
        WireCase(
            "F2 percent-encoded dot-dot", "GET /%2e%2e/%2e%2e/%2e%2e/etc/passwd HTTP/1.1\r\nHost: a\r\n\r\n",
            parsed: [.error(.invalidTarget)], statuses: [400], closes: true),
        WireCase(
            "F3 percent-encoded slash", "GET /items/..%2f..%2f..%2fetc%2fpasswd HTTP/1.1\r\nHost: a\r\n\r\n",
            parsed: [.error(.invalidTarget)], statuses: [400], closes: true),
        WireCase(
            "F4 percent-encoded NUL", "GET /items/1%00.json HTTP/1.1\r\nHost: a\r\n\r\n",
            parsed: [.error(.invalidTarget)], statuses: [400], closes: true),
        WireCase(
            "F5 invalid escape", "GET /items/%zz HTTP/1.1\r\nHost: a\r\n\r\n",
            parsed: [.error(.invalidTarget)], statuses: [400], closes: true),
        WireCase(
            "F6 truncated escape", "GET /items/% HTTP/1.1\r\nHost: a\r\n\r\n",
            parsed: [.error(.invalidTarget)], statuses: [400], closes: true),
        WireCase(
            "F7 overlong UTF-8 dots", "GET /%c0%ae%c0%ae/%c0%ae%c0%ae/etc/passwd HTTP/1.1\r\nHost: a\r\n\r\n",
            parsed: [.error(.invalidTarget)], statuses: [400], closes: true),
        WireCase(
            "F8 backslash traversal", "GET /..\\..\\etc\\passwd HTTP/1.1\r\nHost: a\r\n\r\n",
            parsed: [.error(.invalidTarget)], statuses: [400], closes: true),
        WireCase(
            "X bad escapes in the query are the application's to refuse, on a connection kept open",
            "GET /items/1?q=100%&r=%zz HTTP/1.1\r\nHost: a\r\n\r\n",
            parsed: [itemsGET], statuses: [200], closes: false),
    ]

    public static let connection: [WireCase] = [
        WireCase(
            "G1 HTTP/1.0 closes by default", "GET /items/1 HTTP/1.0\r\n\r\n",
            parsed: [itemsGET], statuses: [200], closes: true),
        WireCase(
            "G2 HTTP/1.0 keep-alive is honoured", "GET /items/1 HTTP/1.0\r\nConnection: keep-alive\r\n\r\n",
            parsed: [itemsGET], statuses: [200], closes: false),
        WireCase(
            "G3 Connection: close", "GET /items/1 HTTP/1.1\r\nHost: a\r\nConnection: close\r\n\r\n",
            parsed: [itemsGET], statuses: [200], closes: true),
        WireCase(
            "G4 data after Connection: close is ignored",
            "GET /items/1 HTTP/1.1\r\nHost: a\r\nConnection: close\r\n\r\nGET /items/1 HTTP/1.1\r\nHost: a\r\n\r\n",
            parsed: [itemsGET, itemsGET], statuses: [200], closes: true),
        WireCase(
            "G5 pipelined GET, HEAD, 404, GET answered in order",
            "GET /items/1 HTTP/1.1\r\nHost: a\r\n\r\nHEAD /items/1 HTTP/1.1\r\nHost: a\r\n\r\n"
                + "GET /nope-404 HTTP/1.1\r\nHost: a\r\n\r\nGET /items/1 HTTP/1.1\r\nHost: a\r\nConnection: close\r\n\r\n",
            parsed: [itemsGET, .request("HEAD", "/items/1"), .request("GET", "/nope-404"), itemsGET],
            statuses: [200, 200, 404, 200], closes: true, headResponses: [1]),
        WireCase(
            "G6 nothing is served after a 400",
            "GET /items/1 HTTP/1.1\r\nHost : a\r\n\r\nGET /items/1 HTTP/1.1\r\nHost: a\r\n\r\n",
            parsed: [.error(.whitespaceBeforeColon)], statuses: [400], closes: true),
        WireCase(
            "G7 Expect: 100-continue gets the final status at once",
            "POST /items/1 HTTP/1.1\r\nHost: a\r\nContent-Length: 2\r\nExpect: 100-continue\r\n\r\n",
            parsed: [.request("POST", "/items/1")], statuses: [405], closes: true),
        WireCase(
            "G8 unknown expectation", "GET /items/1 HTTP/1.1\r\nHost: a\r\nExpect: bogus\r\n\r\n",
            parsed: [.error(.unsupportedExpectation)], statuses: [417], closes: true),
        WireCase(
            "G9 HEAD has no body", "HEAD /items/1 HTTP/1.1\r\nHost: a\r\nConnection: close\r\n\r\n",
            parsed: [.request("HEAD", "/items/1")], statuses: [200], closes: true, headResponses: [0]),
        WireCase(
            "G10 HTTP/1.1 keeps the connection by default", "GET /items/1 HTTP/1.1\r\nHost: a\r\n\r\n",
            parsed: [itemsGET], statuses: [200], closes: false),
    ]

    public static let fragments: [WireCase] = [
        WireCase(
            "H3 two pipelined requests, the second split mid-field",
            "GET /items/1 HTTP/1.1\r\nHost: a\r\n\r\nGET /items/1 HTTP/1.1\r\nHost: a\r\nConnection: close\r\n\r\n",
            parsed: [itemsGET, itemsGET], statuses: [200, 200], closes: true),
        WireCase(
            "H4 an incomplete request gets no answer yet", "GET /items/1 HTTP/1.1\r\nHo",
            parsed: [.incomplete], statuses: [], closes: false),
    ]

    public static let extras: [WireCase] = [
        WireCase(
            "X1 chunked body with an extension and a trailer",
            "POST /items/1 HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n"
                + "4;name=value\r\nWiki\r\n5\r\npedia\r\n0\r\nX-Trailer: t\r\n\r\n",
            parsed: [.request(method: "POST", path: "/items/1", body: "Wikipedia")], statuses: [405], closes: false),
        WireCase(
            "X2 Content-Length body then a pipelined GET",
            "POST /items/1 HTTP/1.1\r\nHost: a\r\nContent-Length: 5\r\n\r\nhelloGET /items/1 HTTP/1.1\r\nHost: a\r\n\r\n",
            parsed: [.request(method: "POST", path: "/items/1", body: "hello"), itemsGET], statuses: [405, 200],
            closes: false),
        WireCase(
            "X3 percent-encoded UTF-8 and a query", "GET /items/%CE%B4?q=a%20b HTTP/1.1\r\nHost: a\r\n\r\n",
            parsed: [.request("GET", "/items/δ")], statuses: [404], closes: false),
        WireCase(
            "X4 OPTIONS in asterisk-form", "OPTIONS * HTTP/1.1\r\nHost: a\r\n\r\n",
            parsed: [.request("OPTIONS", "*")], statuses: [404], closes: false),
        WireCase(
            "X5 HTTP/1.0 ignores Expect", "GET /items/1 HTTP/1.0\r\nExpect: bogus\r\n\r\n",
            parsed: [itemsGET], statuses: [200], closes: true),
    ]
}
