import ArgumentParser
import FoundationEssentials
import Glibc

/// `hormone-therapy-api healthcheck`: exit 0 when a running instance answers GET /readyz with 200.
/// For the container's HEALTHCHECK, so the runtime image needs no curl.
struct Healthcheck: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Exit 0 when a running instance answers /readyz with 200, 1 otherwise.")

    @Option(
        help: "Host of the instance. Env: HOST (0.0.0.0 and :: mean this machine). Default: \(Defaults.server.host).")
    var host: String?

    @Option(help: "Port of the instance. Env: PORT. Default: \(Defaults.server.port).")
    var port: Int?

    @Option(help: "Path to ask.")
    var path = "/readyz"

    @Option(help: "Seconds to wait for the answer.")
    var timeout = 2

    func run() throws {
        let environment = ProcessInfo.processInfo.environment
        var target = host ?? environment["HOST"] ?? Defaults.server.host
        if target == "0.0.0.0" { target = "127.0.0.1" }
        if target == "::" { target = "::1" }
        let number = port ?? environment["PORT"].flatMap { Int($0) } ?? Defaults.server.port
        let status = ProbeClient.status(host: target, port: number, path: path, timeoutSeconds: timeout)
        guard status == 200 else {
            writeStandardError(
                "healthcheck: \(target):\(number)\(path) answered \(status.map(String.init) ?? "nothing")\n")
            throw ExitCode.failure
        }
    }
}
