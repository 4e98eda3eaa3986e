import HTTP1

/// The decisions of one connection, as a value. It takes events (bytes read, the end of the client's
/// input, a response to queue, bytes sent or a send that would block, a timer tick, a drain) and says
/// what the event loop is to do next; it never touches a socket or reads a clock. Times come in with the
/// events, so every deadline, the shedding of load, pipelining order and half-close are tested with a
/// fake clock (ConnectionMachineTests); `Connection` only performs what it is told.
struct ConnectionMachine {
    enum Phase: Equatable {
        /// Reading requests and answering them.
        case open
        /// The last response is queued: send it, then linger.
        case closingAfterFlush
        /// Our side is shut: read and discard until the client closes or the linger time passes, so the
        /// response is not destroyed by a reset (RFC 9112 §9.6).
        case lingering
        case closed
    }

    /// What to do with the requests buffered so far.
    enum Next: Equatable {
        /// Ask the responder, then `queue` its response with `directive`.
        case answer(HTTPRequest, directive: ResponseHead.ConnectionDirective)
        /// The input can never become a request: ask the responder for the error's response, then
        /// `queue` it (the connection closes after it).
        case refuse(HTTPParseError)
        /// Nothing to answer until more input comes, or the output drains.
        case wait
    }

    /// What to do once every queued byte is sent.
    enum AfterFlush: Equatable {
        case nothing
        /// Shut our side, then discard input (the phase is now `lingering`).
        case linger
        /// Requests are buffered that waited for the output to drain: `next` again.
        case answerBuffered
        case close
    }

    /// What a timer tick found.
    enum Expiry: Equatable {
        case none
        case close
        /// The request did not arrive in time: answer 408 (`refuse(.requestTimeout)`), then close.
        case timeOut
    }

    /// The server's configuration, shared by every connection (an idle connection holds a reference,
    /// not a copy).
    final class Shared: Sendable {
        let configuration: ServerConfiguration
        init(_ configuration: ServerConfiguration) { self.configuration = configuration }
    }

    private let shared: Shared
    private var configuration: ServerConfiguration { shared.configuration }
    private(set) var phase = Phase.open
    private(set) var parser: RequestParser
    private(set) var outbound = OutboundQueue()
    /// Readiness the event loop should report: reading stops while output backs up or the connection
    /// is closing; writing is watched only while a send would block.
    private(set) var wantsRead = true
    private(set) var wantsWrite = false
    private var requestsServed = 0
    private var peerFinishedSending = false
    private var draining = false
    /// Monotonic nanoseconds: when the current request's first byte came, when its body began, when the
    /// last byte was sent (or the first queued), when the connection last went idle, when lingering began.
    private var requestStartedAt: UInt64 = 0
    private var bodyStartedAt: UInt64 = 0
    private var lastSendProgressAt: UInt64 = 0
    private var idleSince: UInt64
    private var lingerStartedAt: UInt64 = 0
    /// When the request being answered began: its response's duration runs from here.
    private var answeringStartedAt: UInt64 = 0

    init(_ shared: Shared, now: UInt64) {
        self.shared = shared
        parser = RequestParser(limits: shared.configuration.limits)
        idleSince = now
    }

    // MARK: Input

    /// Bytes the client sent.
    mutating func received(_ bytes: UnsafeRawBufferPointer, now: UInt64) {
        if parser.phase == .idle { requestStartedAt = now }
        parser.append(bytes)
    }

    /// The client shut its sending side (read returned end of file).
    mutating func peerClosed() { peerFinishedSending = true }

    /// After a read and the answers to it: a half-closed client still gets the answers to what it sent
    /// (RFC 9112 §9.6), then the connection closes. True when that starts now: flush.
    mutating func finishIfPeerClosed() -> Bool {
        guard peerFinishedSending, phase == .open else { return false }
        phase = .closingAfterFlush
        wantsRead = false
        return true
    }

    /// The next thing to answer, in order; `.wait` when there is none, when the output has backed up to
    /// the high-water mark (reading then stops until it drains), or when the connection is closing.
    mutating func next(now: UInt64) -> Next {
        let backedUp = outbound.byteCount >= configuration.outboundHighWater
        if backedUp { wantsRead = false }
        guard phase == .open, !backedUp else { return .wait }
        answeringStartedAt = requestStartedAt
        let request: HTTPRequest?
        do {
            request = try parser.nextRequest()
        } catch {
            phase = .closingAfterFlush
            return .refuse(error)
        }
        guard let request else {
            if parser.phase == .body, bodyStartedAt < requestStartedAt { bodyStartedAt = now }
            return .wait
        }
        requestsServed += 1
        let keepAlive = request.keepAlive && !draining && requestsServed < configuration.maxRequestsPerConnection
        if !keepAlive { phase = .closingAfterFlush }
        if parser.phase != .idle { requestStartedAt = now }
        let directive: ResponseHead.ConnectionDirective =
            !keepAlive ? .close : (request.version.minor == 0 ? .keepAliveHTTP10 : .keepAlive)
        return .answer(request, directive: directive)
    }

    /// Queues a response's bytes; returns the seconds since its request's first byte (for the record).
    mutating func queue(head: [UInt8], body: [UInt8]?, now: UInt64) -> Double {
        if outbound.isEmpty { lastSendProgressAt = now }
        outbound.append(head)
        if let body { outbound.append(body) }
        return Double(now > answeringStartedAt ? now - answeringStartedAt : 0) / 1e9
    }

    /// A 408 is queued for a request that did not arrive in time: stop reading, send it, then close.
    mutating func timedOut() {
        answeringStartedAt = requestStartedAt
        phase = .closingAfterFlush
        wantsRead = false
    }

    // MARK: Output

    mutating func sent(_ count: Int, now: UInt64) {
        outbound.consume(count)
        lastSendProgressAt = now
    }

    /// The socket took no more: watch for writability, and read nothing meanwhile.
    mutating func sendWouldBlock() {
        wantsRead = false
        wantsWrite = true
    }

    /// Every queued byte is sent.
    mutating func flushed(now: UInt64) -> AfterFlush {
        wantsWrite = false
        switch phase {
        case .closingAfterFlush:
            phase = .lingering
            lingerStartedAt = now
            wantsRead = true
            return .linger
        case .open:
            if draining && parser.phase == .idle { return .close }
            if parser.phase == .idle { idleSince = now }
            guard !wantsRead else { return .nothing }
            wantsRead = true
            return .answerBuffered
        case .lingering, .closed:
            return .nothing
        }
    }

    // MARK: Time and shutdown

    /// Whether a deadline has passed at `now`. `overloaded`: clients are waiting to be accepted, so each
    /// deadline is at most `overloadTimeout` (idle and slow clients make room for them).
    func expiry(now: UInt64, overloaded: Bool) -> Expiry {
        func expired(_ since: UInt64, _ limit: Duration) -> Bool {
            let limit = overloaded ? min(limit, configuration.overloadTimeout) : limit
            return now > since && now - since > limit.nanoseconds
        }
        switch phase {
        case .closed:
            return .none
        case .lingering:
            return expired(lingerStartedAt, configuration.lingerTimeout) ? .close : .none
        case .open, .closingAfterFlush:
            break
        }
        if !outbound.isEmpty { return expired(lastSendProgressAt, configuration.sendTimeout) ? .close : .none }
        switch parser.phase {
        case .idle: return expired(idleSince, configuration.idleTimeout) ? .close : .none
        case .head: return expired(requestStartedAt, configuration.headDeadline) ? timeOutOrClose : .none
        case .body: return expired(bodyStartedAt, configuration.bodyDeadline) ? timeOutOrClose : .none
        case .finished, .failed: return .close
        }
    }

    /// A late request is answered 408 only while nothing else is on its way out.
    private var timeOutOrClose: Expiry { phase == .open ? .timeOut : .close }

    /// Graceful stop: true when the connection can close now (idle, nothing to send); otherwise the
    /// response in progress is the last, with `Connection: close`.
    mutating func drain() -> Bool {
        draining = true
        return phase == .open && parser.phase == .idle && outbound.isEmpty
    }

    mutating func closed() { phase = .closed }
}
