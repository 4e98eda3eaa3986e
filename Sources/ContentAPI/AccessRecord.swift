import HTTP1

/// One line of the access log: what was asked, by whom, and how it was answered.
public struct AccessRecord: Sendable, Equatable {
    public let time: Double
    public let requestID: String?
    /// The W3C trace id from a valid `traceparent`, to find the request from its trace.
    public let traceID: String?
    /// The client: the peer, or the address a trusted proxy forwarded for.
    public let client: String
    public let method: String
    /// The decoded path, and the raw query (already checked by the parser to be visible ASCII).
    public let path: String
    public let query: String?
    public let status: Int
    public let bytes: Int
    public let duration: Double
    public let userAgent: String?
}
