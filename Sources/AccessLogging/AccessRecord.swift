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

    public init(
        time: Double, requestID: String?, traceID: String?, client: String, method: String, path: String,
        query: String?, status: Int, bytes: Int, duration: Double, userAgent: String?
    ) {
        self.time = time
        self.requestID = requestID
        self.traceID = traceID
        self.client = client
        self.method = method
        self.path = path
        self.query = query
        self.status = status
        self.bytes = bytes
        self.duration = duration
        self.userAgent = userAgent
    }
}

/// Where access records go: called on the event loop that answered, with its index, so an implementation
/// can keep one buffer per loop and never take a lock or hand a record to another thread per request.
/// A class: the responder holds one and reads it per request, and a reference is copied by one retain
/// where an existential value is copied through its witness table.
public protocol AccessLogger: AnyObject, Sendable {
    /// One record per response, on loop `loop`'s thread. Must not block.
    func log(_ record: AccessRecord, loop: Int)
    /// About every 100 ms on each loop's thread: time to hand over what that loop has buffered.
    func tick(loop: Int)
}
