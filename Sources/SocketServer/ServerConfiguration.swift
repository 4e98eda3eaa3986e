import HTTP1

/// Every limit and timeout of the server, with its unit, in one value (DESIGN.md).
public struct ServerConfiguration: Sendable {
    /// Address to listen on: an IPv4 or IPv6 literal, or a name such as `localhost`.
    public var host = "127.0.0.1"
    /// TCP port; 0 lets the kernel pick a free one (`HTTPServer.port` tells which).
    public var port = 8080
    /// Request parsing limits: line, header section, field count, body.
    public var limits = HTTPLimits()
    /// From the first byte of a request to the end of its head, in total, however slowly bytes arrive.
    public var headDeadline: Duration = .seconds(10)
    /// From the end of a head to the end of its body, in total.
    public var bodyDeadline: Duration = .seconds(10)
    /// How long a keep-alive connection may sit with no request. Longer than a proxy's usual 60 s.
    public var idleTimeout: Duration = .seconds(75)
    /// How long a response may wait for the client to read any of it.
    public var sendTimeout: Duration = .seconds(30)
    /// After a response that closes the connection, how long unread input is drained before the close,
    /// so the client reads the response instead of a reset.
    public var lingerTimeout: Duration = .seconds(2)
    /// Open connections at most; at the cap the server stops accepting until one closes.
    public var maxConnections = 1024
    /// While clients wait to be accepted (at `maxConnections`, or out of descriptors), no connection may
    /// sit idle, wait for a head or body, or stall a send for longer than this: the slots held by slow or
    /// silent clients go to the clients waiting in the backlog (Envoy's overload "reduce timeouts").
    public var overloadTimeout: Duration = .seconds(1)
    /// Requests on one connection at most; the last is answered with `Connection: close`.
    public var maxRequestsPerConnection = 10_000
    /// Event loops (threads, each with its own epoll) that connections are spread over: one per core.
    public var eventLoopCount = 2
    /// How long an event loop polls for events before it sleeps, while at least half its recent waits
    /// ended within that (`PollWindow`); at most half of `timerResolution`. Zero, the default: never poll,
    /// always sleep. Polling trades CPU for latency (docs/operations.md, "Busy polling").
    public var busyPoll: Duration = .zero
    /// Listen backlog.
    public var backlog: Int32 = 1024
    /// How often deadlines are checked; the granularity of every timeout above.
    public var timerResolution: Duration = .milliseconds(100)
    /// Pending response bytes above which a connection stops reading and parsing until they drain.
    public var outboundHighWater = 1 << 20

    public init() {}
}

extension Duration {
    var nanoseconds: UInt64 {
        let (seconds, attoseconds) = components
        return UInt64(max(0, seconds)) * 1_000_000_000 + UInt64(max(0, attoseconds) / 1_000_000_000)
    }
}
