import ArgumentParser
import ContentAPI
import FoundationEssentials
import Logging
import SocketServer

/// The defaults of `serve`, said once: the help text and `Settings` both read them.
enum Defaults {
    static let server = ServerConfiguration()
    static let contentDirectory = "Resources"
    static let openAPIFile = "openapi.yaml"
    static let docsDirectory = "docs-ui"
    static let logLevel = Logger.Level.info
    static let shutdownGrace = 10

    static func seconds(_ duration: Duration) -> Int { Int(duration.components.seconds) }
    static func microseconds(_ duration: Duration) -> Int {
        let (seconds, attoseconds) = duration.components
        return Int(seconds) * 1_000_000 + Int(attoseconds / 1_000_000_000_000)
    }
}

/// The `serve` options resolved: flag, else environment variable, else default; every value checked,
/// and every bad one reported at once.
struct Settings {
    var server = ServerConfiguration()
    var contentDirectory = Defaults.contentDirectory
    var openAPIFile = Defaults.openAPIFile
    var docsDirectory = Defaults.docsDirectory
    var basePath = ""
    var trustedProxies = TrustedProxies.none
    var logLevel = Defaults.logLevel
    var accessLog = true
    var watchContent = false
    var shutdownGrace = Defaults.shutdownGrace
    /// What decided the event loop count: `configured`, or the CPU budget's reason.
    var eventLoopReason = "online-cpus"

    /// How an error names a setting: its flag and its variable (`--busy-poll-us / BUSY_POLL_US`), so
    /// whichever way it was given, the message names it.
    static func named(_ variable: String) -> String {
        "--\(variable.lowercased().replacing("_", with: "-")) / \(variable)"
    }

    init(_ serve: Serve, environment: [String: String]) throws {
        var problems: [String] = []
        let named = Self.named
        func number(_ flag: Int?, _ name: String, default value: Int, range: ClosedRange<Int>) -> Int {
            var chosen = value
            if let flag {
                chosen = flag
            } else if let text = environment[name] {
                guard let parsed = Int(text), text.allSatisfy(\.isASCII) else {
                    problems.append("\(named(name)) must be a whole number, not '\(text)'")
                    return value
                }
                chosen = parsed
            }
            guard range.contains(chosen) else {
                problems.append(
                    "\(named(name)) must be between \(range.lowerBound) and \(range.upperBound), not \(chosen)")
                return value
            }
            return chosen
        }
        func seconds(_ flag: Int?, _ name: String, default value: Duration, range: ClosedRange<Int>) -> Duration {
            .seconds(number(flag, name, default: Defaults.seconds(value), range: range))
        }
        func text(_ flag: String?, _ name: String) -> String? { flag ?? environment[name] }
        let defaults = Defaults.server

        server.host = text(serve.host, "HOST") ?? defaults.host
        server.port = number(serve.port, "PORT", default: defaults.port, range: 0...65_535)
        let budget = CPUBudget.current()
        if serve.eventLoops != nil || environment["EVENT_LOOPS"] != nil {
            server.eventLoopCount = number(serve.eventLoops, "EVENT_LOOPS", default: budget.count, range: 1...1024)
            eventLoopReason = "configured"
        } else {
            server.eventLoopCount = budget.count
            eventLoopReason = budget.reason
        }
        server.headDeadline = seconds(
            serve.headDeadline, "HEAD_DEADLINE", default: defaults.headDeadline, range: 1...3600)
        server.bodyDeadline = server.headDeadline
        server.idleTimeout = seconds(
            serve.idleTimeout, "IDLE_TIMEOUT", default: defaults.idleTimeout, range: 1...86_400)
        server.sendTimeout = seconds(serve.sendTimeout, "SEND_TIMEOUT", default: defaults.sendTimeout, range: 1...3600)
        server.maxConnections = number(
            serve.maxConnections, "MAX_CONNECTIONS", default: defaults.maxConnections, range: 1...1_000_000)
        server.overloadTimeout = seconds(
            serve.overloadTimeout, "OVERLOAD_TIMEOUT", default: defaults.overloadTimeout, range: 1...3600)
        server.maxRequestsPerConnection = number(
            serve.maxRequestsPerConnection, "MAX_REQUESTS_PER_CONNECTION", default: defaults.maxRequestsPerConnection,
            range: 1...10_000_000)
        server.busyPoll = .microseconds(
            number(
                serve.busyPollUs, "BUSY_POLL_US", default: Defaults.microseconds(defaults.busyPoll), range: 0...1000))
        shutdownGrace = number(serve.shutdownGrace, "SHUTDOWN_GRACE", default: Defaults.shutdownGrace, range: 0...3600)
        contentDirectory = text(serve.contentDir, "CONTENT_DIR") ?? Defaults.contentDirectory
        openAPIFile = text(serve.openapiFile, "OPENAPI_FILE") ?? Defaults.openAPIFile
        docsDirectory = text(serve.docsDir, "DOCS_DIR") ?? Defaults.docsDirectory

        let base = text(serve.basePath, "BASE_PATH") ?? ""
        if base.isEmpty
            || (base.hasPrefix("/") && !base.hasSuffix("/") && !base.contains("//")
                && base.unicodeScalars.allSatisfy {
                    $0.isASCII && $0.value > 0x20 && !"?#%\\".unicodeScalars.contains($0)
                })
        {
            basePath = base
        } else {
            problems.append(
                "\(named("BASE_PATH")) must look like /api (a leading slash, no trailing slash), not '\(base)'")
        }

        if let list = text(serve.trustedProxies, "TRUSTED_PROXIES") {
            do {
                trustedProxies = try TrustedProxies(parsing: list)
            } catch {
                problems.append("\(named("TRUSTED_PROXIES")): \(error)")
            }
        }
        let level = text(serve.logLevel, "LOG_LEVEL") ?? Defaults.logLevel.rawValue
        if let parsed = Logger.Level(rawValue: level) {
            logLevel = parsed
        } else {
            let allowed = Logger.Level.allCases.map(\.rawValue).joined(separator: ", ")
            problems.append("\(named("LOG_LEVEL")) must be one of \(allowed), not '\(level)'")
        }
        switch text(serve.accessLog, "ACCESS_LOG") ?? "on" {
        case "on", "true", "1": accessLog = true
        case "off", "false", "0": accessLog = false
        case let other: problems.append("\(named("ACCESS_LOG")) must be on or off, not '\(other)'")
        }
        switch text(serve.watchContent, "WATCH_CONTENT") ?? "off" {
        case "on", "true", "1": watchContent = true
        case "off", "false", "0": watchContent = false
        case let other: problems.append("\(named("WATCH_CONTENT")) must be on or off, not '\(other)'")
        }
        guard problems.isEmpty else { throw ValidationError(problems.joined(separator: "\n")) }
    }
}
