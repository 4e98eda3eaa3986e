import Dispatch
import FoundationEssentials
import Glibc

/// Signals delivered through Dispatch rather than async-signal handlers: SIGTERM and SIGINT stop the
/// server (once); SIGHUP asks for a content reload (each time).
final class Signals: @unchecked Sendable {  // `stopped` confined to `queue`; sources set before resume
    private let queue = DispatchQueue(label: "hormone-therapy-api.signals")
    private var sources: [DispatchSourceSignal] = []
    private var stopped = false

    /// Installs the handlers; `onReload` runs on the signal queue for every SIGHUP.
    init(onReload: @escaping @Sendable () -> Void) {
        let hangup = DispatchSource.makeSignalSource(signal: SIGHUP, queue: queue)
        signal(SIGHUP, SIG_IGN)
        hangup.setEventHandler(handler: onReload)
        hangup.resume()
        sources.append(hangup)
    }

    /// Returns the name of the first SIGTERM or SIGINT.
    func waitForStop() async -> String {
        await withCheckedContinuation { continuation in
            queue.sync {
                for (number, name) in [(SIGTERM, "SIGTERM"), (SIGINT, "SIGINT")] {
                    signal(number, SIG_IGN)
                    let source = DispatchSource.makeSignalSource(signal: number, queue: queue)
                    source.setEventHandler { [self] in
                        guard !stopped else { return }
                        stopped = true
                        continuation.resume(returning: name)
                    }
                    source.resume()
                    sources.append(source)
                }
            }
        }
    }
}
