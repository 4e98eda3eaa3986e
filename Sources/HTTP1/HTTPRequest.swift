/// A complete, validated request: head plus a body that has been read in full.
///
/// A value with one reference inside: the parser builds it in place, and the connection, the responder
/// and the log then pass it along by copying that reference, not its nine parts (a copy of the parts
/// retains every string and array in them, and the request is handed on five times).
public struct HTTPRequest: Sendable, Equatable {
    public var method: HTTPMethod {
        get { storage.method }
        set { unique().method = newValue }
    }
    /// The request target exactly as sent, e.g. `/v1/agents?limit=5`.
    public var target: String {
        get { storage.target }
        set { unique().target = newValue }
    }
    /// The path, percent-decoded once and checked (RFC 3986 §2.1): no `%00`, no encoded `/`, no `.` or
    /// `..` segments, valid UTF-8. `*` for an asterisk-form OPTIONS request.
    public var path: String {
        get { storage.path }
        set { unique().path = newValue }
    }
    /// The undecoded query after `?`, or nil when the target has none.
    public var query: String? {
        get { storage.query }
        set { unique().query = newValue }
    }
    public var version: HTTPVersion {
        get { storage.version }
        set { unique().version = newValue }
    }
    public var headers: HTTPHeaders {
        get { storage.headers }
        _modify { yield &unique().headers }
    }
    /// The body bytes, already de-chunked. Empty for almost every request this API serves.
    public var body: [UInt8] {
        get { storage.body }
        _modify { yield &unique().body }
    }
    /// True when the request asked `Expect: 100-continue` for a body that was left unread: the answer is
    /// the final status, and the connection must close after it (nothing after it can be framed).
    public var unreadBody: Bool {
        get { storage.unreadBody }
        set { unique().unreadBody = newValue }
    }

    private var storage: Storage

    public init(
        method: HTTPMethod, target: String, path: String, query: String?, version: HTTPVersion,
        headers: HTTPHeaders, body: [UInt8] = []
    ) {
        storage = Storage(
            method: method, target: target, path: path, query: query, version: version, headers: headers,
            body: body)
    }

    /// The storage, copied first when another value shares it.
    private mutating func unique() -> Storage {
        if !isKnownUniquelyReferenced(&storage) { storage = storage.copy() }
        return storage
    }

    public static func == (a: HTTPRequest, b: HTTPRequest) -> Bool {
        a.storage === b.storage || a.storage.parts == b.storage.parts
    }

    /// Whether the connection may carry another request after this one (RFC 9112 §9.3): HTTP/1.1 unless
    /// `Connection: close`; HTTP/1.0 only with `Connection: keep-alive`.
    public var keepAlive: Bool {
        if unreadBody { return false }
        guard headers.contains(.connection) else { return version.minor >= 1 }
        let tokens = headers.tokens("connection")
        if tokens.contains("close") { return false }
        if version.minor == 0 { return tokens.contains("keep-alive") }
        return true
    }

    /// Mutated only through `unique()`, so a value never sees another's change: that is what makes
    /// sharing it between threads safe. The same rule makes each access exclusive, so the run-time
    /// exclusivity check (a call per access of a class's property) is left out.
    private final class Storage: @unchecked Sendable {
        @exclusivity(unchecked) var method: HTTPMethod
        @exclusivity(unchecked) var target: String
        @exclusivity(unchecked) var path: String
        @exclusivity(unchecked) var query: String?
        @exclusivity(unchecked) var version: HTTPVersion
        @exclusivity(unchecked) var headers: HTTPHeaders
        @exclusivity(unchecked) var body: [UInt8]
        @exclusivity(unchecked) var unreadBody = false

        init(
            method: HTTPMethod, target: String, path: String, query: String?, version: HTTPVersion,
            headers: HTTPHeaders, body: [UInt8]
        ) {
            self.method = method
            self.target = target
            self.path = path
            self.query = query
            self.version = version
            self.headers = headers
            self.body = body
        }

        func copy() -> Storage {
            let copy = Storage(
                method: method, target: target, path: path, query: query, version: version, headers: headers,
                body: body)
            copy.unreadBody = unreadBody
            return copy
        }

        /// Everything that makes two requests equal.
        var parts: Parts { Parts(method, target, path, query, version, headers, body, unreadBody) }
    }

    private struct Parts: Equatable {
        let method: HTTPMethod, target: String, path: String, query: String?, version: HTTPVersion
        let headers: HTTPHeaders, body: [UInt8], unreadBody: Bool

        init(
            _ method: HTTPMethod, _ target: String, _ path: String, _ query: String?, _ version: HTTPVersion,
            _ headers: HTTPHeaders, _ body: [UInt8], _ unreadBody: Bool
        ) {
            (self.method, self.target, self.path, self.query) = (method, target, path, query)
            (self.version, self.headers, self.body, self.unreadBody) = (version, headers, body, unreadBody)
        }
    }
}
