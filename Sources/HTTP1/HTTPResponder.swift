/// What the server knows of the connection a request came on.
public struct ConnectionContext: Sendable, Equatable {
    /// The peer's address as text, e.g. `127.0.0.1` or `::1`.
    public var remoteAddress: String
    /// Seconds since 1970 when the request's head was complete; the responder's clock.
    public var receivedAt: Double

    public init(remoteAddress: String, receivedAt: Double) {
        self.remoteAddress = remoteAddress
        self.receivedAt = receivedAt
    }
}

/// The application behind the server. Called on the connection's queue: it must not block, and it must
/// be safe to call from several queues at once.
public protocol HTTPResponder: Sendable {
    /// The response to a complete, well-formed request. HEAD is passed through as HEAD; the server strips
    /// the body. Framing fields (`Content-Length`, `Connection`, `Date`) are the server's.
    func respond(to request: HTTPRequest, context: ConnectionContext) -> HTTPResponse

    /// The response to a request that could not be parsed. The server adds `Connection: close`.
    func respond(to error: HTTPParseError, context: ConnectionContext) -> HTTPResponse
}

extension HTTPResponder {
    public func respond(to error: HTTPParseError, context: ConnectionContext) -> HTTPResponse {
        HTTPResponse.problem(status: error.status, detail: error.detail)
    }
}
