import Dispatch
import HTTP1

/// An HTTP/1.1 server on non-blocking sockets: a Dispatch queue accepts, and one epoll event loop thread
/// per core serves the connections spread over them. No thread per connection, no blocking call; each
/// loop waits on epoll itself, so a readiness event is handled on the thread that sees it.
/// Mutable state is confined to `acceptQueue`; the event loops own their connections.
public final class HTTPServer<Responder: HTTPResponder>: @unchecked Sendable {
    public let configuration: ServerConfiguration
    private let responder: Responder
    private let acceptQueue = DispatchQueue(label: "hormone-therapy-api.accept")
    let loops: [EventLoop]
    private var listener: Int32 = -1
    private var listenSource: DispatchSourceRead?
    private var acceptSuspended = false
    /// Clients wait in the backlog that the server cannot take now (the loops know it too).
    private var overloaded = false
    private var openConnections = 0
    private var nextLoop = 0
    private var stopping = false
    private var boundPort = 0

    /// Shared by every connection; made on first use, as it refers back to the server.
    private lazy var connectionSettings = Connection.Settings(
        configuration: configuration,
        respond: { [responder] in responder.respond(to: $0, context: $1) },
        respondToError: { [responder] in responder.respond(to: $0, context: $1) },
        didRespond: { [responder] in responder.didRespond(to: $0, with: $1, record: $2) },
        closed: { [weak self] in self?.connectionClosed() })

    /// Told of every accept() that fails for a reason other than the backlog being empty: out of
    /// descriptors (once per episode: the server pauses accepting) or an unexpected errno.
    private let acceptFailed: @Sendable (SocketError) -> Void

    /// `tick` is called by each event loop on its own thread, with its index, about every timer resolution
    /// (100 ms by default), for work batched per loop (the access log's buffers). It must not block.
    public init(
        configuration: ServerConfiguration, responder: Responder,
        tick: @escaping @Sendable (_ loop: Int) -> Void = { _ in },
        acceptFailed: @escaping @Sendable (SocketError) -> Void = { _ in }
    ) {
        self.configuration = configuration
        self.responder = responder
        self.acceptFailed = acceptFailed
        self.loops = (0..<max(1, configuration.eventLoopCount)).map { index in
            EventLoop(
                index: index, timerResolution: configuration.timerResolution, busyPoll: configuration.busyPoll
            ) { tick(index) }
        }
    }

    /// The port the server listens on (the kernel's choice when configured with port 0).
    public var port: Int { acceptQueue.sync { boundPort } }

    /// How many event loops serve connections (`ConnectionContext.loop` is below it).
    public var eventLoopCount: Int { loops.count }

    /// Runs `body` on each event loop's thread with the loop's index, one loop after the other, and
    /// returns when all have run it; a loop that has ended (after `stop`) is skipped.
    public func onEachLoop(_ body: @escaping @Sendable (Int) -> Void) {
        for loop in loops { loop.executeAndWait { body(loop.index) } }
    }

    /// Open client connections right now.
    public var connectionCount: Int { acceptQueue.sync { openConnections } }

    /// Binds, listens and starts accepting. Throws when the address cannot be bound.
    public func start() throws(SocketError) {
        if let error = loops.compactMap(\.setupError).first { throw error }
        Socket.ignoreSIGPIPE()
        let (fd, port) = try Socket.listen(
            host: configuration.host, port: configuration.port, backlog: configuration.backlog)
        acceptQueue.sync {
            listener = fd
            boundPort = port
            let source = DispatchSource.makeReadSource(fileDescriptor: fd, queue: acceptQueue)
            source.setEventHandler { [unowned self] in self.acceptAll() }
            source.setCancelHandler { Socket.close(fd) }
            listenSource = source
            source.resume()
        }
    }

    private func acceptAll() {
        while !stopping {
            if openConnections >= configuration.maxConnections {
                setOverloaded(true)
                suspendAccepting()
                return
            }
            switch Socket.accept(listener) {
            case .accepted(let fd, let address):
                openConnections += 1
                let loop = loops[nextLoop]
                nextLoop = (nextLoop + 1) % loops.count
                let settings = connectionSettings
                loop.execute {
                    Connection(fd: fd, remoteAddress: address, loop: loop, settings: settings).start()
                }
            case .wouldBlock:
                setOverloaded(false)  // the backlog is empty: nobody is waiting
                return
            case .retry:
                continue
            case .exhausted(let error):
                // Out of descriptors: the pending connection stays in the backlog. Pause instead of spinning,
                // and try again shortly (or as soon as a connection closes).
                if !overloaded { acceptFailed(SocketError(operation: "accept", errorNumber: error)) }
                setOverloaded(true)
                suspendAccepting()
                acceptQueue.asyncAfter(deadline: .now() + .milliseconds(100)) { [weak self] in
                    self?.resumeAccepting()
                }
                return
            case .failed(let error):
                acceptFailed(SocketError(operation: "accept", errorNumber: error))
                return
            }
        }
    }

    private func connectionClosed() {
        acceptQueue.async { [self] in
            openConnections -= 1
            if openConnections < configuration.maxConnections { resumeAccepting() }
        }
    }

    private func setOverloaded(_ value: Bool) {
        guard overloaded != value else { return }
        overloaded = value
        for loop in loops { loop.execute { loop.overloaded = value } }
    }

    private func suspendAccepting() {
        guard !acceptSuspended, let listenSource else { return }
        acceptSuspended = true
        listenSource.suspend()
    }

    private func resumeAccepting() {
        guard acceptSuspended, !stopping, let listenSource else { return }
        acceptSuspended = false
        listenSource.resume()
        acceptAll()  // takes whoever waits, or finds the backlog empty and ends the overload
    }

    /// Stops gracefully: closes the listener at once, lets in-flight responses finish (each with
    /// `Connection: close`), closes idle connections, and after `grace` closes whatever is left.
    /// Returns when every connection is closed.
    public func stop(grace: Duration) async {
        acceptQueue.sync {
            stopping = true
            if let listenSource {
                listenSource.cancel()
                if acceptSuspended { listenSource.resume() }
            }
            listenSource = nil
        }
        for loop in loops { loop.execute { loop.drain() } }
        let clock = ContinuousClock()
        let deadline = clock.now + grace
        while connectionCount > 0, clock.now < deadline {
            try? await Task.sleep(for: .milliseconds(10))
        }
        for loop in loops { await loop.perform { loop.closeAll() } }
        // Each close was counted on the accept queue before closeAll returned; this waits for the counts.
        await withCheckedContinuation { (done: CheckedContinuation<Void, Never>) in acceptQueue.async { done.resume() }
        }
        for loop in loops { await loop.shutdown() }
    }
}
