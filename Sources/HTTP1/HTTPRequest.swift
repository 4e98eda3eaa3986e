/// A complete, validated request: head plus a body that has been read in full.
public struct HTTPRequest: Sendable, Equatable {
    public var method: HTTPMethod
    /// The request target exactly as sent, e.g. `/v1/agents?limit=5`.
    public var target: String
    /// The path, percent-decoded once and checked (RFC 3986 §2.1): no `%00`, no encoded `/`, no `.` or
    /// `..` segments, valid UTF-8. `*` for an asterisk-form OPTIONS request.
    public var path: String
    /// The undecoded query after `?`, or nil when the target has none.
    public var query: String?
    public var version: HTTPVersion
    public var headers: HTTPHeaders
    /// The body bytes, already de-chunked. Empty for almost every request this API serves.
    public var body: [UInt8]
    /// True when the request asked `Expect: 100-continue` for a body that was left unread: the answer is
    /// the final status, and the connection must close after it (nothing after it can be framed).
    public var unreadBody = false

    public init(
        method: HTTPMethod, target: String, path: String, query: String?, version: HTTPVersion,
        headers: HTTPHeaders, body: [UInt8] = []
    ) {
        self.method = method
        self.target = target
        self.path = path
        self.query = query
        self.version = version
        self.headers = headers
        self.body = body
    }

    /// Whether the connection may carry another request after this one (RFC 9112 §9.3): HTTP/1.1 unless
    /// `Connection: close`; HTTP/1.0 only with `Connection: keep-alive`.
    public var keepAlive: Bool {
        if unreadBody { return false }
        guard headers.contains("connection") else { return version.minor >= 1 }
        let tokens = headers.tokens("connection")
        if tokens.contains("close") { return false }
        if version.minor == 0 { return tokens.contains("keep-alive") }
        return true
    }
}
