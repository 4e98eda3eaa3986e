import ArgumentParser
import ContentAPI
import FoundationEssentials
import Logging
import SocketServer

/// The `serve` options resolved: flag, else environment variable, else default; every value checked.
struct Settings {
    var server = ServerConfiguration()
    var contentDirectory = "Resources"
    var openAPIFile = "openapi.yaml"
    var basePath = ""
    var trustedProxies = TrustedProxies.none
    var logLevel = Logger.Level.info
    var accessLog = true
    var shutdownGrace = 10

    init(_ serve: Serve, environment: [String: String]) throws {
        func number(_ flag: Int?, _ name: String, default value: Int, range: ClosedRange<Int>) throws -> Int {
            var chosen = value
            if let flag {
                chosen = flag
            } else if let text = environment[name] {
                guard let parsed = Int(text), text.allSatisfy(\.isASCII) else {
                    throw ValidationError("\(name) must be a whole number, not '\(text)'")
                }
                chosen = parsed
            }
            guard range.contains(chosen) else {
                throw ValidationError(
                    "\(name) must be between \(range.lowerBound) and \(range.upperBound), not \(chosen)")
            }
            return chosen
        }
        func text(_ flag: String?, _ name: String) -> String? { flag ?? environment[name] }

        server.host = text(serve.host, "HOST") ?? "127.0.0.1"
        server.port = try number(serve.port, "PORT", default: 8080, range: 0...65_535)
        server.eventLoopCount = max(1, System.activeProcessorCount)
        server.headDeadline = .seconds(try number(serve.headDeadline, "HEAD_DEADLINE", default: 10, range: 1...3600))
        server.bodyDeadline = server.headDeadline
        server.idleTimeout = .seconds(try number(serve.idleTimeout, "IDLE_TIMEOUT", default: 75, range: 1...86_400))
        server.sendTimeout = .seconds(try number(serve.sendTimeout, "SEND_TIMEOUT", default: 30, range: 1...3600))
        server.maxConnections = try number(serve.maxConnections, "MAX_CONNECTIONS", default: 1024, range: 1...1_000_000)
        server.overloadTimeout = .seconds(
            try number(serve.overloadTimeout, "OVERLOAD_TIMEOUT", default: 1, range: 1...3600))
        server.maxRequestsPerConnection = try number(
            serve.maxRequestsPerConnection, "MAX_REQUESTS_PER_CONNECTION", default: 10_000, range: 1...10_000_000)
        shutdownGrace = try number(serve.shutdownGrace, "SHUTDOWN_GRACE", default: 10, range: 0...3600)
        contentDirectory = text(serve.contentDir, "CONTENT_DIR") ?? "Resources"
        openAPIFile = text(serve.openapiFile, "OPENAPI_FILE") ?? "openapi.yaml"

        let base = text(serve.basePath, "BASE_PATH") ?? ""
        guard
            base.isEmpty
                || (base.hasPrefix("/") && !base.hasSuffix("/") && !base.contains("//")
                    && base.unicodeScalars.allSatisfy {
                        $0.isASCII && $0.value > 0x20 && !"?#%\\".unicodeScalars.contains($0)
                    })
        else {
            throw ValidationError("BASE_PATH must look like /api (a leading slash, no trailing slash), not '\(base)'")
        }
        basePath = base

        if let list = text(serve.trustedProxies, "TRUSTED_PROXIES") {
            do {
                trustedProxies = try TrustedProxies(parsing: list)
            } catch {
                throw ValidationError("TRUSTED_PROXIES: \(error)")
            }
        }
        let level = text(serve.logLevel, "LOG_LEVEL") ?? "info"
        guard let parsed = Logger.Level(rawValue: level) else {
            let allowed = Logger.Level.allCases.map(\.rawValue).joined(separator: ", ")
            throw ValidationError("LOG_LEVEL must be one of \(allowed), not '\(level)'")
        }
        logLevel = parsed
        switch text(serve.accessLog, "ACCESS_LOG") ?? "on" {
        case "on", "true", "1": accessLog = true
        case "off", "false", "0": accessLog = false
        case let other: throw ValidationError("ACCESS_LOG must be on or off, not '\(other)'")
        }
    }
}

enum System {
    static var activeProcessorCount: Int { ProcessInfo.processInfo.activeProcessorCount }
}
