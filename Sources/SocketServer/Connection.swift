import HTTP1

/// One client connection: the I/O of a `ConnectionMachine`, which makes every decision. This reads and
/// writes the socket, asks the responder, and does what the machine says. Everything here runs on its
/// loop's thread.
final class Connection: @unchecked Sendable {  // all state confined to the loop's thread
    private let fd: Int32
    private let remoteAddress: String
    private let loop: EventLoop
    private let settings: Settings

    /// Touched only on the loop's thread, by the connection's own methods, and the machine's mutating
    /// methods never call back into the connection: no two accesses can overlap, so the run-time
    /// exclusivity check (a pair of calls around each of the eight or so accesses per request) is left out.
    @exclusivity(unchecked) private var machine: ConnectionMachine

    /// What connections need of the server: one instance shared by all of them, so an idle connection
    /// costs its own state and no copy of the configuration or of these closures.
    final class Settings: Sendable {
        let configuration: ConnectionMachine.Shared
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
            self.configuration = ConnectionMachine.Shared(configuration)
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
        self.machine = ConnectionMachine(settings.configuration, now: Self.now())
    }

    func start() {
        if !loop.register(self, fd: fd) { close() }
    }

    // MARK: Reading

    /// The loop saw the socket readable (or hung up, or in error).
    func readable() {
        switch machine.phase {
        case .closed, .closingAfterFlush: return
        case .lingering:
            discardInput()
            return
        case .open: break
        }
        let now = loop.batchTime
        var reads = 0
        readLoop: while reads < 4 {
            reads += 1
            switch Socket.read(fd, into: loop.readBuffer) {
            case .bytes(let count):
                machine.received(UnsafeRawBufferPointer(rebasing: loop.readBuffer[0..<count]), now: now)
                if count < loop.readBuffer.count { break readLoop }
            case .wouldBlock:
                break readLoop
            case .endOfFile:
                machine.peerClosed()
                break readLoop
            case .failed:
                close()
                return
            }
        }
        answerBuffered(now: now)
        if machine.finishIfPeerClosed() {
            updateInterest()
            flush()
        }
    }

    /// Answers every request the machine hands out, in order, then sends.
    /// The flush that follows reuses the last clock reading: it comes microseconds after it.
    private func answerBuffered(now: UInt64) {
        var latest = now
        answering: while true {
            switch machine.next(now: now) {
            case .answer(let request, let directive):
                let context = context()
                latest = queue(settings.respond(request, context), to: request, directive: directive, context: context)
            case .refuse(let error):
                let context = context()
                latest = queue(settings.respondToError(error, context), to: nil, directive: .close, context: context)
            case .wait:
                break answering
            }
        }
        updateInterest()
        flush(now: latest)
    }

    /// Queues the response (HEAD without its body) and reports it to the responder. Returns the clock
    /// reading that timed it.
    @discardableResult
    private func queue(
        _ response: HTTPResponse, to request: HTTPRequest?, directive: ResponseHead.ConnectionDirective,
        context: ConnectionContext
    ) -> UInt64 {
        var head = loop.takeHeadStorage()
        ResponseHead.write(response, date: loop.currentDate(), connection: directive, into: &head)
        let sendsBody = response.status.allowsContent && request?.method != .head
        let now = Self.now()
        let bytes = head.count + (sendsBody ? response.body.count : 0)
        let duration = machine.queue(head: head, body: sendsBody ? response.body : nil, now: now)
        loop.keepHeadStorage(head)
        let record = ResponseRecord(bytes: bytes, duration: duration, context: context)
        settings.didRespond(request, response, record)
        return now
    }

    // MARK: Writing

    /// Sends what is queued; `now` is one reading for the whole flush, whose sends take microseconds.
    private func flush(now: UInt64 = Connection.now()) {
        guard machine.phase != .closed else { return }
        while !machine.outbound.isEmpty {
            switch sendPending() {
            case .bytes(let count):
                machine.sent(count, now: now)
            case .wouldBlock:
                machine.sendWouldBlock()
                updateInterest()
                return
            case .endOfFile, .failed:
                close()
                return
            }
        }
        switch machine.flushed(now: now) {
        case .nothing:
            updateInterest()
        case .linger:
            Socket.shutdownWrite(fd)
            updateInterest()
            discardInput()
        case .answerBuffered:
            answerBuffered(now: now)
        case .close:
            close()
        }
    }

    /// One `sendmsg` of what is queued. The queue's chunks are let go on return, before `sent` drops
    /// them, so the queue can reuse its storage.
    private func sendPending() -> Socket.IOResult {
        machine.outbound.withPending { chunks, offset in Socket.send(fd, chunks: chunks, firstOffset: offset) }
    }

    /// The loop saw the socket writable.
    func writable() {
        guard machine.phase != .closed else { return }
        flush()
    }

    private func updateInterest() {
        guard machine.phase != .closed else { return }
        if !loop.setInterest(fd, read: machine.wantsRead, write: machine.wantsWrite) { close() }
    }

    // MARK: Closing

    /// Reads and drops what the client still sends while lingering; closes at its end of input.
    private func discardInput() {
        while machine.phase != .closed {
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
        if machine.drain() { close() }
    }

    /// Closes, or answers 408, when a deadline has passed.
    func checkDeadline(now: UInt64, overloaded: Bool) {
        switch machine.expiry(now: now, overloaded: overloaded) {
        case .none:
            return
        case .close:
            close()
        case .timeOut:
            // A request that did not arrive in time gets 408 and the connection closes (RFC 9110 §15.5.9).
            machine.timedOut()
            let context = context()
            queue(settings.respondToError(.requestTimeout, context), to: nil, directive: .close, context: context)
            updateInterest()
            flush()
        }
    }

    /// Closes at once: out of the loop's interest list, then the descriptor.
    func close() {
        guard machine.phase != .closed else { return }
        machine.closed()
        loop.unregister(fd: fd)
        Socket.close(fd)
        settings.closed()
    }

    private func context() -> ConnectionContext {
        ConnectionContext(
            remoteAddress: remoteAddress, receivedAt: loop.wallClockTime(at: loop.batchTime), loop: loop.index)
    }

    private static func now() -> UInt64 { Socket.monotonicNanoseconds() }
}
