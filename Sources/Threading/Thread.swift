import Glibc

/// Starts a detached thread that runs `body`; `name` (up to 15 bytes) shows in `top -H` and `perf`.
/// A pthread, not Foundation's `Thread`: the server links FoundationEssentials only, without ICU.
public func startThread(named name: String, _ body: @escaping @Sendable () -> Void) {
    pthread_detach(createThread(named: name, body))
}

/// A new joinable thread named `name` that runs `body`.
private func createThread(named name: String, _ body: @escaping @Sendable () -> Void) -> pthread_t {
    final class Work {
        let name: String
        let body: @Sendable () -> Void
        init(_ name: String, _ body: @escaping @Sendable () -> Void) {
            self.name = String(decoding: name.utf8.prefix(15), as: UTF8.self)
            self.body = body
        }
    }
    let work = Unmanaged.passRetained(Work(name, body)).toOpaque()
    var thread = pthread_t()
    let result = pthread_create(
        &thread, nil,
        { raw in
            guard let raw else { return nil }
            let work = Unmanaged<Work>.fromOpaque(raw).takeRetainedValue()
            nameThisThread(work.name)
            work.body()
            return nil
        }, work)
    precondition(result == 0, "pthread_create failed: \(result)")
    return thread
}

/// Names the calling thread, as pthread_setname_np does (which Swift's Glibc module does not export):
/// by writing the name to the thread's `comm` file.
private func nameThisThread(_ name: String) {
    let fd = open("/proc/thread-self/comm", O_WRONLY)
    guard fd >= 0 else { return }
    _ = Array(name.utf8).withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
    close(fd)
}

/// A value computed on a thread of its own while the caller does other work; `value()` waits for it.
/// Not copyable, so the thread is joined exactly once; dropped without `value()`, it is detached and its
/// value discarded when done.
public struct Pending<Value: Sendable>: ~Copyable {
    private final class Slot: @unchecked Sendable {  // written by the thread before it ends, read after the join
        var value: Value?
        var joined = false
    }

    private let slot = Slot()
    private let thread: pthread_t

    /// Starts a thread named `name` (as `startThread`) that runs `compute`.
    public init(named name: String, _ compute: @escaping @Sendable () -> Value) {
        let slot = slot
        thread = createThread(named: name) { slot.value = compute() }
    }

    /// The value, once the thread has computed it.
    public consuming func value() -> Value {
        let result = pthread_join(thread, nil)
        precondition(result == 0, "pthread_join failed: \(result)")
        slot.joined = true
        guard let value = slot.value else { preconditionFailure("the thread ended without its value") }
        return value
    }

    deinit {
        if !slot.joined { pthread_detach(thread) }
    }
}
