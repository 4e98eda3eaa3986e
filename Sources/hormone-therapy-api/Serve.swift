import ArgumentParser
import ContentAPI
import ContentModel
import Dispatch
import Foundation
import HTTP1
import SocketServer

/// `hormone-therapy-api serve`: listens until SIGTERM or SIGINT, then stops gracefully and exits 0.
struct Serve: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Serve the API (the default command).")

    @Option(help: "Address to listen on. Environment: HOST. Default: 127.0.0.1.")
    var host: String?

    @Option(help: "TCP port; 0 picks a free one and the log says which. Environment: PORT. Default: 8080.")
    var port: Int?

    @Option(help: "Content directory. Environment: CONTENT_DIR. Default: Resources.")
    var contentDir: String?

    @Option(help: "OpenAPI document served at /openapi.yaml. Environment: OPENAPI_FILE. Default: openapi.yaml.")
    var openapiFile: String?

    @Option(help: "Seconds a graceful stop waits for in-flight responses. Environment: SHUTDOWN_GRACE. Default: 10.")
    var shutdownGrace: Int?

    @Option(
        help: "Seconds from a request's first byte to the end of its head. Environment: HEAD_DEADLINE. Default: 10.")
    var headDeadline: Int?

    @Option(help: "Seconds an idle keep-alive connection is kept. Environment: IDLE_TIMEOUT. Default: 75.")
    var idleTimeout: Int?

    @Option(help: "Seconds a response may wait for the client to read. Environment: SEND_TIMEOUT. Default: 30.")
    var sendTimeout: Int?

    @Option(help: "Open connections at most. Environment: MAX_CONNECTIONS. Default: 1024.")
    var maxConnections: Int?

    func run() async throws {
        let environment = ProcessInfo.processInfo.environment
        func setting(_ flag: Int?, _ name: String, default value: Int, range: ClosedRange<Int>) throws -> Int {
            let chosen = try flag ?? environment[name].map { try Self.number($0, name: name) } ?? value
            guard range.contains(chosen) else {
                throw ValidationError(
                    "\(name) must be between \(range.lowerBound) and \(range.upperBound), not \(chosen)")
            }
            return chosen
        }
        var configuration = ServerConfiguration()
        configuration.host = host ?? environment["HOST"] ?? "127.0.0.1"
        configuration.port = try setting(port, "PORT", default: 8080, range: 0...65_535)
        configuration.eventLoopCount = max(1, ProcessInfo.processInfo.activeProcessorCount)
        configuration.headDeadline = .seconds(try setting(headDeadline, "HEAD_DEADLINE", default: 10, range: 1...3600))
        configuration.bodyDeadline = configuration.headDeadline
        configuration.idleTimeout = .seconds(try setting(idleTimeout, "IDLE_TIMEOUT", default: 75, range: 1...86_400))
        configuration.sendTimeout = .seconds(try setting(sendTimeout, "SEND_TIMEOUT", default: 30, range: 1...3600))
        configuration.maxConnections = try setting(
            maxConnections, "MAX_CONNECTIONS", default: 1024, range: 1...1_000_000)
        let grace = try setting(shutdownGrace, "SHUTDOWN_GRACE", default: 10, range: 0...3600)

        let directory = contentDir ?? environment["CONTENT_DIR"] ?? "Resources"
        let library: Library
        do {
            library = try ContentLoader.load(directory: directory)
        } catch {
            Log.event("content_invalid", ["directory": directory, "problems": error.problems.map(\.description)])
            throw ExitCode.failure
        }
        let specPath = openapiFile ?? environment["OPENAPI_FILE"] ?? "openapi.yaml"
        let spec = FileManager.default.contents(atPath: specPath).map { Array($0) }
        if spec == nil { Log.event("openapi_missing", ["file": specPath]) }
        let snapshot = ContentSnapshot(library: library, openAPI: spec, loadedAt: Date().timeIntervalSince1970)
        Log.event("content_loaded", ["directory": directory, "summary": library.summary])
        let responder = APIResponder(snapshot: snapshot)
        let server = HTTPServer(configuration: configuration, responder: responder)
        do {
            try server.start()
        } catch {
            Log.event("start_failed", ["error": "\(error)"])
            throw ExitCode.failure
        }
        Log.event("listening", ["host": configuration.host, "port": server.port])

        let signal = await StopSignal.wait()
        Log.event("stopping", ["signal": signal, "open_connections": server.connectionCount])
        responder.beginDraining()
        await server.stop(grace: .seconds(grace))
        Log.event("stopped", [:])
    }

    static func number(_ text: String, name: String) throws -> Int {
        guard let value = Int(text), text.allSatisfy(\.isASCII) else {
            throw ValidationError("\(name) must be a whole number, not '\(text)'")
        }
        return value
    }
}

/// Waits for SIGTERM or SIGINT, delivered through Dispatch rather than an async-signal handler.
enum StopSignal {
    static func wait() async -> String {
        await withCheckedContinuation { continuation in
            let watcher = Watcher()
            for (number, name) in [(SIGTERM, "SIGTERM"), (SIGINT, "SIGINT")] {
                signal(number, SIG_IGN)
                let source = DispatchSource.makeSignalSource(signal: number, queue: watcher.queue)
                // The handler keeps the watcher, and so every source, alive until the first signal.
                source.setEventHandler {
                    if watcher.claim() { continuation.resume(returning: name) }
                }
                watcher.sources.append(source)
                source.resume()
            }
        }
    }

    final class Watcher: @unchecked Sendable {  // `done` confined to `queue`; `sources` set before any event
        let queue = DispatchQueue(label: "hormone-therapy-api.signals")
        var sources: [DispatchSourceSignal] = []
        private var done = false

        func claim() -> Bool {
            defer { done = true }
            return !done
        }
    }
}
