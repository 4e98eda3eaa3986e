/// A complete, validated request: head plus a body that has been read in full.
///
/// A value with one reference inside: the parser builds it in place, and the connection, the responder
/// and the log then pass it along by copying that reference, not its eight parts (a copy of the parts
/// retains every string and array in them, and the request is handed on five times).
public struct HTTPRequest: Sendable, Equatable {
    // The getters are inlinable: a caller in another module then reads the part in place, where a call
    // would return a copy (a retain of its storage, and the caller's release).
    public var method: HTTPMethod {
        @inlinable get { box.parts.method }
        set { unique().parts.method = newValue }
    }
    /// The request target exactly as sent, e.g. `/v1/agents?limit=5`.
    public var target: String {
        @inlinable get { box.parts.target }
        set { unique().parts.target = newValue }
    }
    /// The path, percent-decoded once and checked (RFC 3986 §2.1): no `%00`, no encoded `/`, no `.` or
    /// `..` segments, valid UTF-8. `*` for an asterisk-form OPTIONS request.
    public var path: String {
        @inlinable get { box.parts.path }
        set { unique().parts.path = newValue }
    }
    /// The undecoded query after `?`, or nil when the target has none.
    public var query: String? {
        @inlinable get { box.parts.query }
        set { unique().parts.query = newValue }
    }
    public var version: HTTPVersion {
        @inlinable get { box.parts.version }
        set { unique().parts.version = newValue }
    }
    public var headers: HTTPHeaders {
        @inlinable get { box.parts.headers }
        _modify { yield &unique().parts.headers }
    }
    /// The body bytes, already de-chunked. Empty for almost every request this API serves.
    public var body: [UInt8] {
        @inlinable get { box.parts.body }
        _modify { yield &unique().parts.body }
    }
    /// True when the request asked `Expect: 100-continue` for a body that was left unread: the answer is
    /// the final status, and the connection must close after it (nothing after it can be framed).
    public var unreadBody: Bool {
        @inlinable get { box.parts.unreadBody }
        set { unique().parts.unreadBody = newValue }
    }

    @usableFromInline var box: Box

    public init(
        method: HTTPMethod, target: String, path: String, query: String?, version: HTTPVersion,
        headers: HTTPHeaders, body: [UInt8] = []
    ) {
        box = Box(
            Parts(
                method: method, target: target, path: path, query: query, version: version, headers: headers,
                body: body))
    }

    /// The box, copied first when another value shares it.
    private mutating func unique() -> Box {
        if !isKnownUniquelyReferenced(&box) { box = Box(box.parts) }
        return box
    }

    public static func == (a: HTTPRequest, b: HTTPRequest) -> Bool { a.box === b.box || a.box.parts == b.box.parts }

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

    @usableFromInline struct Parts: Equatable {
        @usableFromInline var method: HTTPMethod
        @usableFromInline var target: String
        @usableFromInline var path: String
        @usableFromInline var query: String?
        @usableFromInline var version: HTTPVersion
        @usableFromInline var headers: HTTPHeaders
        @usableFromInline var body: [UInt8]
        @usableFromInline var unreadBody = false
    }

    /// Mutated only through `unique()`, so a value never sees another's change: that is what makes
    /// sharing it between threads safe. The same rule makes each access exclusive, so the run-time
    /// exclusivity check (a call per access of a class's property) is left out.
    @usableFromInline final class Box: @unchecked Sendable {
        @exclusivity(unchecked) @usableFromInline var parts: Parts

        init(_ parts: Parts) { self.parts = parts }
    }
}
