/// What the server knows of the connection a request came on.
public struct ConnectionContext: Sendable, Equatable {
    /// The peer's address as text, e.g. `127.0.0.1` or `::1`.
    public var remoteAddress: String
    /// Seconds since 1970 when the request's head was complete; the responder's clock.
    public var receivedAt: Double
    /// The event loop (its index, from 0) that owns the connection: calls with the same `loop` come from
    /// one thread, one at a time, so per-loop state needs no lock.
    public var loop: Int

    public init(remoteAddress: String, receivedAt: Double, loop: Int = 0) {
        self.remoteAddress = remoteAddress
        self.receivedAt = receivedAt
        self.loop = loop
    }
}

/// The application behind the server. Called on the thread of the connection's event loop: it must not block, and it must
/// be safe to call from several loops at once.
public protocol HTTPResponder: Sendable {
    /// The response to a complete, well-formed request, whatever its method: one the application does not
    /// implement is its 501 to give (`HTTPMethod.isRecognised`). HEAD is passed through as HEAD; the server
    /// strips the body. Framing fields (`Content-Length`, `Connection`, `Date`) are the server's.
    func respond(to request: HTTPRequest, context: ConnectionContext) -> HTTPResponse

    /// The response to a request that could not be parsed. The server adds `Connection: close`.
    func respond(to error: HTTPParseError, context: ConnectionContext) -> HTTPResponse

    /// Called once a response is queued for sending, for access logs and metrics. `request` is nil when
    /// the request could not be parsed or did not arrive in time. Must not block.
    func didRespond(to request: HTTPRequest?, with response: HTTPResponse, record: ResponseRecord)
}

/// What it took to answer one request.
public struct ResponseRecord: Sendable, Equatable {
    /// Bytes queued for the client: status line, header section and body (none for HEAD).
    public var bytes: Int
    /// Seconds from the request's first byte to the response being queued.
    public var duration: Double
    public var context: ConnectionContext

    public init(bytes: Int, duration: Double, context: ConnectionContext) {
        self.bytes = bytes
        self.duration = duration
        self.context = context
    }
}

extension HTTPResponder {
    public func respond(to error: HTTPParseError, context: ConnectionContext) -> HTTPResponse {
        HTTPResponse.problem(status: error.status, detail: error.detail)
    }

    public func didRespond(to request: HTTPRequest?, with response: HTTPResponse, record: ResponseRecord) {}
}
