import Dispatch
import HTTP1

/// One client connection: reads bytes into the parser, answers each request in order, writes the
/// responses, and enforces the deadlines. Everything here runs on its loop's thread.
final class Connection: @unchecked Sendable {  // all state confined to the loop's thread
    private let fd: Int32
    private let remoteAddress: String
    private let loop: EventLoop
    private let settings: Settings

    private var parser: RequestParser
    private var outbound = OutboundQueue()
    private var readSuspended = false
    private var writeArmed = false

    private var state = State.open
    private var requestsServed = 0
    private var peerFinishedSending = false
    private var draining = false
    /// Monotonic nanoseconds: when the current request's first byte came, when its head ended, when the
    /// last byte was sent, when the connection last went idle.
    private var requestStartedAt: UInt64 = 0
    private var bodyStartedAt: UInt64 = 0
    private var lastSendProgressAt: UInt64 = 0
    private var idleSince: UInt64
    private var lingerStartedAt: UInt64 = 0

    enum State { case open, closingAfterFlush, lingering, closed }

    /// What connections need of the server: one instance shared by all of them, so an idle connection
    /// costs its own state and no copy of the configuration or of these closures.
    final class Settings: Sendable {
        let configuration: ServerConfiguration
        let respond: @Sendable (HTTPRequest, ConnectionContext) -> HTTPResponse
        let respondToError: @Sendable (HTTPParseError, ConnectionContext) -> HTTPResponse
        let didRespond: @Sendable (HTTPRequest?, HTTPResponse, ResponseRecord) -> Void
        /// Called once when a connection closes.
        let closed: @Sendable () -> Void

        init(
            configuration: ServerConfiguration,
            respond: @escaping @Sendable (HTTPRequest, ConnectionContext) -> HTTPResponse,
            respondToError: @escaping @Sendable (HTTPParseError, ConnectionContext) -> HTTPResponse,
            didRespond: @escaping @Sendable (HTTPRequest?, HTTPResponse, ResponseRecord) -> Void,
            closed: @escaping @Sendable () -> Void
        ) {
            self.configuration = configuration
            self.respond = respond
            self.respondToError = respondToError
            self.didRespond = didRespond
            self.closed = closed
        }
    }

    init(fd: Int32, remoteAddress: String, loop: EventLoop, settings: Settings) {
        self.fd = fd
        self.remoteAddress = remoteAddress
        self.loop = loop
        self.settings = settings
        self.parser = RequestParser(limits: settings.configuration.limits)
        self.idleSince = DispatchTime.now().uptimeNanoseconds
    }

    func start() {
        loop.register(self, fd: fd)
    }

    // MARK: Reading

    /// The loop saw the socket readable (or hung up, or in error).
    func readable() {
        switch state {
        case .closed, .closingAfterFlush: return
        case .lingering:
            discardInput()
            return
        case .open: break
        }
        let now = DispatchTime.now().uptimeNanoseconds
        var reads = 0
        readLoop: while reads < 4 {
            reads += 1
            switch Socket.read(fd, into: loop.readBuffer) {
            case .bytes(let count):
                if parser.phase == .idle { requestStartedAt = now }
                parser.append(UnsafeRawBufferPointer(rebasing: loop.readBuffer[0..<count]))
                if count < loop.readBuffer.count { break readLoop }
            case .wouldBlock:
                break readLoop
            case .endOfFile:
                peerFinishedSending = true
                break readLoop
            case .failed:
                close()
                return
            }
        }
        processBufferedRequests(now: now)
        if peerFinishedSending, state == .open {
            // A half-closed peer still gets the answers to what it sent (RFC 9112 §9.6), then we close.
            state = .closingAfterFlush
            suspendReading()
            flush()
        }
    }

    /// Answers every complete request in the buffer, in order, until output backs up or the connection
    /// is to close.
    private func processBufferedRequests(now: UInt64) {
        while state == .open, outbound.byteCount < settings.configuration.outboundHighWater {
            let request: HTTPRequest?
            do {
                request = try parser.nextRequest()
            } catch {
                let context = ConnectionContext(remoteAddress: remoteAddress, receivedAt: wallClock(), loop: loop.index)
                enqueue(settings.respondToError(error, context), to: nil, directive: .close, context: context)
                state = .closingAfterFlush
                break
            }
            guard let request else {
                if parser.phase == .body, bodyStartedAt < requestStartedAt { bodyStartedAt = now }
                break
            }
            answer(request)
            if parser.phase != .idle { requestStartedAt = now }
        }
        if outbound.byteCount >= settings.configuration.outboundHighWater { suspendReading() }
        flush()
    }

    private func answer(_ request: HTTPRequest) {
        requestsServed += 1
        let configuration = settings.configuration
        let keepAlive = request.keepAlive && !draining && requestsServed < configuration.maxRequestsPerConnection
        let directive: ResponseHead.ConnectionDirective =
            !keepAlive ? .close : (request.version.minor == 0 ? .keepAliveHTTP10 : .keepAlive)
        let context = ConnectionContext(remoteAddress: remoteAddress, receivedAt: wallClock(), loop: loop.index)
        let response = settings.respond(request, context)
        enqueue(response, to: request, directive: directive, context: context)
        if !keepAlive { state = .closingAfterFlush }
    }

    /// Queues the response (HEAD without its body) and reports it to the responder.
    private func enqueue(
        _ response: HTTPResponse, to request: HTTPRequest?, directive: ResponseHead.ConnectionDirective,
        context: ConnectionContext
    ) {
        let now = DispatchTime.now().uptimeNanoseconds
        if outbound.isEmpty { lastSendProgressAt = now }
        let head = ResponseHead.bytes(for: response, date: loop.currentDate(), connection: directive)
        outbound.append(head)
        var bytes = head.count
        if request?.method != .head, response.status.allowsContent {
            outbound.append(response.body)
            bytes += response.body.count
        }
        let duration = Double(now > requestStartedAt ? now - requestStartedAt : 0) / 1e9
        settings.didRespond(request, response, ResponseRecord(bytes: bytes, duration: duration, context: context))
    }

    // MARK: Writing

    private func flush() {
        while !outbound.isEmpty {
            let (chunks, offset) = outbound.pending
            switch Socket.send(fd, chunks: chunks, firstOffset: offset) {
            case .bytes(let count):
                outbound.consume(count)
                lastSendProgressAt = DispatchTime.now().uptimeNanoseconds
            case .wouldBlock:
                armWriting()
                return
            case .endOfFile, .failed:
                close()
                return
            }
        }
        disarmWriting()
        switch state {
        case .closingAfterFlush:
            startLingering()
        case .open:
            if draining && parser.phase == .idle {
                close()
                return
            }
            if parser.phase == .idle { idleSince = DispatchTime.now().uptimeNanoseconds }
            if readSuspended {
                resumeReading()
                processBufferedRequests(now: DispatchTime.now().uptimeNanoseconds)
            }
        case .lingering, .closed:
            break
        }
    }

    /// The loop saw the socket writable.
    func writable() {
        guard state != .closed else { return }
        flush()
    }

    private func armWriting() {
        suspendReading()
        writeArmed = true
        updateInterest()
    }

    private func disarmWriting() {
        guard writeArmed else { return }
        writeArmed = false
        updateInterest()
    }

    private func suspendReading() {
        guard !readSuspended else { return }
        readSuspended = true
        updateInterest()
    }

    private func resumeReading() {
        guard readSuspended else { return }
        readSuspended = false
        updateInterest()
    }

    private func updateInterest() {
        guard state != .closed else { return }
        loop.setInterest(fd, read: !readSuspended, write: writeArmed)
    }

    // MARK: Closing

    /// After the last response: stop sending, then read and discard what the client still sends until it
    /// closes or the linger time passes, so our response is not destroyed by a reset (RFC 9112 §9.6).
    private func startLingering() {
        state = .lingering
        lingerStartedAt = DispatchTime.now().uptimeNanoseconds
        Socket.shutdownWrite(fd)
        resumeReading()
        discardInput()
    }

    private func discardInput() {
        while true {
            switch Socket.read(fd, into: loop.readBuffer) {
            case .bytes: continue
            case .wouldBlock: return
            case .endOfFile, .failed:
                close()
                return
            }
        }
    }

    func drain() {
        draining = true
        if state == .open, parser.phase == .idle, outbound.isEmpty { close() }
    }

    /// Closes (or answers 408) when a deadline has passed. `overloaded`: clients are waiting to be
    /// accepted, so every deadline is at most `overloadTimeout`.
    func checkDeadline(now: UInt64, overloaded: Bool) {
        let configuration = settings.configuration
        func expired(_ since: UInt64, _ limit: Duration) -> Bool {
            let limit = overloaded ? min(limit, configuration.overloadTimeout) : limit
            return now > since && now - since > limit.nanoseconds
        }
        switch state {
        case .closed:
            return
        case .lingering:
            if expired(lingerStartedAt, configuration.lingerTimeout) { close() }
            return
        case .open, .closingAfterFlush:
            break
        }
        if !outbound.isEmpty {
            if expired(lastSendProgressAt, configuration.sendTimeout) { close() }
            return
        }
        switch parser.phase {
        case .idle:
            if expired(idleSince, configuration.idleTimeout) { close() }
        case .head:
            if expired(requestStartedAt, configuration.headDeadline) { timeOut() }
        case .body:
            if expired(bodyStartedAt, configuration.bodyDeadline) { timeOut() }
        case .finished, .failed:
            close()
        }
    }

    /// A request that did not arrive in time gets 408 and the connection closes (RFC 9110 §15.5.9).
    private func timeOut() {
        guard state == .open else { return close() }
        let context = ConnectionContext(remoteAddress: remoteAddress, receivedAt: wallClock(), loop: loop.index)
        enqueue(settings.respondToError(.requestTimeout, context), to: nil, directive: .close, context: context)
        state = .closingAfterFlush
        suspendReading()
        flush()
    }

    /// Closes at once: out of the loop's interest list, then the descriptor.
    func close() {
        guard state != .closed else { return }
        state = .closed
        loop.unregister(fd: fd)
        Socket.close(fd)
        settings.closed()
    }

    private func wallClock() -> Double { Socket.wallClockTime() }
}
