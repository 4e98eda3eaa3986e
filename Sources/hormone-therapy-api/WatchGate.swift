import Synchronization

/// Holds the watcher's changes until the server can reload: the watcher starts before the first load,
/// so that a change during it (a ConfigMap swapped while the content is read) is not missed; until
/// `open` gives it the reload, a change is remembered, and reloaded once then.
final class WatchGate: Sendable {
    private let state = Mutex<(reload: (@Sendable () -> Void)?, pending: Bool)>((nil, false))

    /// From the watcher: reload now, or once the gate opens.
    func changed() {
        let reload = state.withLock { state -> (@Sendable () -> Void)? in
            if state.reload == nil { state.pending = true }
            return state.reload
        }
        reload?()
    }

    /// The server is ready: `reload` serves every change from now on, and one that came before.
    func open(_ reload: @escaping @Sendable () -> Void) {
        let pending = state.withLock { state -> Bool in
            state.reload = reload
            defer { state.pending = false }
            return state.pending
        }
        if pending { reload() }
    }
}
