import Dispatch
import FoundationEssentials
import Glibc

/// Signals delivered through Dispatch rather than async-signal handlers: SIGTERM and SIGINT stop the
/// server (once); SIGHUP asks for a content reload (each time).
final class Signals: @unchecked Sendable {  // all state confined to `queue`
    private let queue = DispatchQueue(label: "hormone-therapy-api.signals")
    private var sources: [DispatchSourceSignal] = []
    /// The first stop signal's name, once one came.
    private var stopSignal: String?
    private var stopWaiters: [CheckedContinuation<String, Never>] = []

    /// Installs the handlers; `onReload` runs on the signal queue for every SIGHUP. From here on, SIGTERM
    /// and SIGINT no longer end the process: they are recorded for `waitForStop`.
    init(onReload: @escaping @Sendable () -> Void) {
        queue.sync {
            let hangup = DispatchSource.makeSignalSource(signal: SIGHUP, queue: queue)
            signal(SIGHUP, SIG_IGN)
            hangup.setEventHandler(handler: onReload)
            hangup.resume()
            sources.append(hangup)
            for (number, name) in [(SIGTERM, "SIGTERM"), (SIGINT, "SIGINT")] {
                signal(number, SIG_IGN)
                let source = DispatchSource.makeSignalSource(signal: number, queue: queue)
                source.setEventHandler { [self] in
                    guard stopSignal == nil else { return }
                    stopSignal = name
                    for waiter in stopWaiters { waiter.resume(returning: name) }
                    stopWaiters.removeAll()
                }
                source.resume()
                sources.append(source)
            }
        }
    }

    /// Returns the name of the first SIGTERM or SIGINT: to every caller, however many and whenever they ask.
    func waitForStop() async -> String {
        await withCheckedContinuation { continuation in
            queue.async { [self] in
                if let stopSignal { return continuation.resume(returning: stopSignal) }
                stopWaiters.append(continuation)
            }
        }
    }
}
