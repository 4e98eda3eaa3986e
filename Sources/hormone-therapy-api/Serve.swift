import AccessLogging
import ArgumentParser
import ContentAPI
import ContentModel
import ContentWatch
import Dispatch
import FoundationEssentials
import Glibc
import Logging
import SocketServer
import Threading

/// `hormone-therapy-api serve`: loads the content, listens, logs, and stops gracefully on SIGTERM/SIGINT.
struct Serve: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Serve the API (the default command).",
        discussion: "Every option can also be set by the environment variable named in its help; a flag wins.")

    @Option(help: "Address to listen on. Env: HOST. Default: \(Defaults.server.host) (0.0.0.0 in the container).")
    var host: String?

    @Option(help: "TCP port; 0 picks a free one and the log says which. Env: PORT. Default: \(Defaults.server.port).")
    var port: Int?

    @Option(help: "Content directory. Env: CONTENT_DIR. Default: \(Defaults.contentDirectory).")
    var contentDir: String?

    @Option(help: "OpenAPI document served at /openapi.yaml. Env: OPENAPI_FILE. Default: \(Defaults.openAPIFile).")
    var openapiFile: String?

    @Option(
        help: """
            Folder of the docs page served at /docs (Swagger UI; scripts/install-docs-assets fills it). \
            Env: DOCS_DIR. Default: \(Defaults.docsDirectory).
            """
    )
    var docsDir: String?

    @Option(help: "Path prefix the API is served under behind a proxy, e.g. /api. Env: BASE_PATH. Default: none.")
    var basePath: String?

    @Option(
        help:
            "Comma-separated addresses or CIDR networks of proxies whose X-Forwarded-For is trusted. Env: TRUSTED_PROXIES. Default: none."
    )
    var trustedProxies: String?

    @Option(
        help: "trace, debug, info, notice, warning, error or critical. Env: LOG_LEVEL. Default: \(Defaults.logLevel).")
    var logLevel: String?

    @Option(help: "One JSON line per request on stdout: on or off. Env: ACCESS_LOG. Default: on.")
    var accessLog: String?

    @Option(
        help:
            "Seconds from a request's first byte to the end of its head, and of its body. Env: HEAD_DEADLINE. Default: \(Defaults.seconds(Defaults.server.headDeadline))."
    )
    var headDeadline: Int?

    @Option(
        help:
            "Seconds an idle keep-alive connection is kept. Env: IDLE_TIMEOUT. Default: \(Defaults.seconds(Defaults.server.idleTimeout))."
    )
    var idleTimeout: Int?

    @Option(
        help:
            "Seconds a response may wait for the client to read any of it. Env: SEND_TIMEOUT. Default: \(Defaults.seconds(Defaults.server.sendTimeout))."
    )
    var sendTimeout: Int?

    @Option(help: "Open connections at most. Env: MAX_CONNECTIONS. Default: \(Defaults.server.maxConnections).")
    var maxConnections: Int?

    @Option(
        help: """
            Seconds every deadline shrinks to while clients wait to be accepted (at the connection cap or \
            out of descriptors). Env: OVERLOAD_TIMEOUT. Default: \(Defaults.seconds(Defaults.server.overloadTimeout)).
            """
    )
    var overloadTimeout: Int?

    @Option(
        help:
            "Requests on one connection at most. Env: MAX_REQUESTS_PER_CONNECTION. Default: \(Defaults.server.maxRequestsPerConnection)."
    )
    var maxRequestsPerConnection: Int?

    @Option(
        help: """
            Microseconds an event loop polls for the next event before it sleeps, while at least half \
            its recent waits ended within that; an idle loop stops polling. 0: never poll. Env: BUSY_POLL_US. \
            Default: \(Defaults.microseconds(Defaults.server.busyPoll)).
            """
    )
    var busyPollUs: Int?

    @Option(
        help:
            "Seconds SIGTERM/SIGINT wait for in-flight responses. Env: SHUTDOWN_GRACE. Default: \(Defaults.shutdownGrace)."
    )
    var shutdownGrace: Int?

    @Option(
        help: """
            Event loops (threads serving connections), 1 to 1024. Env: EVENT_LOOPS. Default: the CPUs the process \
            may use: its affinity mask, bounded by its cgroup's CPU quota rounded up.
            """
    )
    var eventLoops: Int?

    @Option(
        help: """
            Reload the content when its directory changes (a file edited, a mounted ConfigMap's ..data swap), \
            as SIGHUP does: on or off. Env: WATCH_CONTENT. Default: off.
            """
    )
    var watchContent: String?

    func run() async throws {
        let settings = try Settings(self, environment: ProcessInfo.processInfo.environment)
        let writer = LogWriter.standardOutput
        let logLevel = settings.logLevel
        LoggingSystem.bootstrap { _ in JSONLogHandler(logLevel: logLevel, writer: writer) }
        let logger = Logger(label: "hormone-therapy-api")
        defer { writer.flush() }

        // The watcher starts before the first load, so a change during it is reloaded once the server is up.
        let gate = WatchGate()
        var watcher: DirectoryWatcher?
        if settings.watchContent {
            do {
                watcher = try DirectoryWatcher(directory: settings.contentDirectory) { gate.changed() }
            } catch {
                logger.critical(
                    "watch_failed", metadata: ["directory": "\(settings.contentDirectory)", "error": "\(error)"])
                throw ExitCode.failure
            }
        }
        defer { watcher?.cancel() }

        // The docs page is read (its large files' .gz checked by inflating them, or else compressed at gzip's
        // best level: 80 ms for Swagger UI's 1.6 MB script) on a thread of its own while the content loads:
        // the two share nothing, and the load leaves a core idle for much of its time.
        let docsDirectory = settings.docsDirectory
        let docs = Pending(named: "hta-docs") {
            Result { () throws(DocsSite.Missing) in try DocsSite(directory: docsDirectory) }
        }
        let loading = ContentLoading(
            directory: settings.contentDirectory, openAPIFile: settings.openAPIFile, basePath: settings.basePath,
            eventLoops: settings.server.eventLoopCount)
        let snapshot: ContentSnapshot
        do {
            snapshot = try loading.load()
        } catch {
            logger.critical(
                "content_invalid",
                metadata: [
                    "directory": "\(settings.contentDirectory)",
                    "problems": .array(error.problems.map { .string($0.description) }),
                ])
            throw ExitCode.failure
        }
        if !FileManager.default.fileExists(atPath: settings.openAPIFile) {
            logger.warning("openapi_missing", metadata: ["file": "\(settings.openAPIFile)"])
        }
        logger.info(
            "content_loaded",
            metadata: [
                "directory": "\(settings.contentDirectory)", "version": "\(snapshot.version)",
                "summary": "\(snapshot.service.library.summary)",
                "load_ms": .stringConvertible(Int(snapshot.loadDuration * 1000)),
            ])

        var options = APIResponder.Options()
        options.basePath = settings.basePath
        options.trustedProxies = settings.trustedProxies
        options.eventLoops = settings.server.eventLoopCount
        options.docs = docs.value()
        if case .failure(let error) = options.docs {
            logger.warning("docs_unavailable", metadata: ["reason": "\(error)"])
        }
        let accessLog =
            settings.accessLog && logLevel <= .info
            ? AccessLog(loops: settings.server.eventLoopCount, writer: writer) : nil
        let responder = APIResponder(snapshot: snapshot, options: options, accessLog: accessLog)
        let server = HTTPServer(
            configuration: settings.server, responder: responder,
            tick: { loop in
                accessLog?.tick(loop: loop)
                responder.refresh(loop: loop)
            }
        ) { error in
            logger.warning("accept_failed", metadata: ["error": "\(error)"])
        }
        responder.metrics.setOpenConnections { server.connectionCount }
        responder.metrics.setDroppedLogLines { writer.droppedLines }
        responder.metrics.setEventLoops(settings.server.eventLoopCount, reason: settings.eventLoopReason)
        // SIGHUP and the watcher reload one at a time, in the order asked.
        let reloads = DispatchQueue(label: "hormone-therapy-api.reload")
        let reload = { @Sendable (trigger: String) in
            reloads.async {
                // The lines of requests answered before the reload are written before its event.
                if let accessLog { server.onEachLoop(accessLog.tick(loop:)) }
                writer.flush()
                loading.reload(into: responder, logger: logger, trigger: trigger)
            }
        }
        let signals = Signals { reload("sighup") }
        gate.open { reload("watch") }
        do {
            try server.start()
        } catch {
            var metadata: Logger.Metadata = ["error": "\(error)"]
            if error.errorNumber == EADDRINUSE {
                metadata["hint"] = "another process listens on this port: choose another with --port or PORT"
            } else if error.errorNumber == EACCES || error.errorNumber == EADDRNOTAVAIL {
                metadata["hint"] = "check --host / HOST and --port / PORT"
            }
            logger.critical("start_failed", metadata: metadata)
            throw ExitCode.failure
        }
        logger.info(
            "listening",
            metadata: [
                "host": "\(settings.server.host)", "port": .stringConvertible(server.port),
                "base_path": "\(settings.basePath)", "watch_content": .stringConvertible(settings.watchContent),
                "event_loops": .stringConvertible(settings.server.eventLoopCount),
                "event_loops_reason": "\(settings.eventLoopReason)",
                "pid": .stringConvertible(Int(ProcessInfo.processInfo.processIdentifier)),
            ])

        let signal = await signals.waitForStop()
        responder.beginDraining()
        logger.info(
            "stopping",
            metadata: ["signal": "\(signal)", "open_connections": .stringConvertible(server.connectionCount)])
        await server.stop(grace: .seconds(settings.shutdownGrace))
        accessLog?.flushAll()  // the loops have stopped: their buffers are ours now
        logger.info("stopped")
    }
}
