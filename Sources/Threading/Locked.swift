import Glibc

/// A value guarded by a pthread mutex, with a condition variable to wait for it to change. A pthread
/// mutex, not `Synchronization.Mutex`, because the futex wait path of the latter is invisible to
/// ThreadSanitizer, which then reports contended sections as races; and not NSLock, because the server
/// links FoundationEssentials only.
public final class Locked<Value>: @unchecked Sendable {  // `value` is only touched under `mutex`
    @usableFromInline let mutex = UnsafeMutablePointer<pthread_mutex_t>.allocate(capacity: 1)
    private let condition = UnsafeMutablePointer<pthread_cond_t>.allocate(capacity: 1)
    /// Reached only under `mutex`, which makes every access exclusive (a body that took the lock again would
    /// deadlock first): the run-time exclusivity check, two calls per access, is left out. `withLock` is on
    /// the request path twice per request (the loop's state, the metrics).
    @usableFromInline @exclusivity(unchecked) var value: Value

    public init(_ value: Value) {
        self.value = value
        pthread_mutex_init(mutex, nil)
        var attributes = pthread_condattr_t()
        pthread_condattr_init(&attributes)
        pthread_condattr_setclock(&attributes, CLOCK_MONOTONIC)
        pthread_cond_init(condition, &attributes)
        pthread_condattr_destroy(&attributes)
    }

    deinit {
        pthread_cond_destroy(condition)
        pthread_mutex_destroy(mutex)
        condition.deallocate()
        mutex.deallocate()
    }

    /// Inlinable, so that a caller in another module gets it specialised for its types: it is on the
    /// request path (per-loop state, metrics).
    @inlinable
    public func withLock<Result>(_ body: (inout Value) throws -> Result) rethrows -> Result {
        pthread_mutex_lock(mutex)
        defer { pthread_mutex_unlock(mutex) }
        return try body(&value)
    }

    /// Like `withLock`, and wakes every thread waiting in `wait(until:)` afterwards.
    public func withLockThenSignal<Result>(_ body: (inout Value) throws -> Result) rethrows -> Result {
        try withLock(thenSignalIf: { _ in true }, body)
    }

    /// Like `withLock`, and wakes every thread waiting in `wait(until:)` afterwards when `wake` holds for
    /// the value then: for a change that nobody waits for most of the time, to save the wake-ups.
    public func withLock<Result>(
        thenSignalIf wake: (Value) -> Bool, _ body: (inout Value) throws -> Result
    ) rethrows -> Result {
        pthread_mutex_lock(mutex)
        defer {
            if wake(value) { pthread_cond_broadcast(condition) }
            pthread_mutex_unlock(mutex)
        }
        return try body(&value)
    }

    /// Waits until `ready` holds (re-checked whenever another thread signals), then runs `body` under the
    /// lock. With `timeout` (seconds), gives up when it passes: `body` then runs anyway, and `ready` tells.
    public func wait<Result>(
        until ready: (Value) -> Bool, timeout: Double? = nil, _ body: (inout Value) throws -> Result
    ) rethrows -> Result {
        pthread_mutex_lock(mutex)
        defer { pthread_mutex_unlock(mutex) }
        var deadline = timespec()
        if let timeout {
            clock_gettime(CLOCK_MONOTONIC, &deadline)
            let nanoseconds = Int(deadline.tv_nsec) + Int(timeout * 1e9)
            deadline.tv_sec += nanoseconds / 1_000_000_000
            deadline.tv_nsec = nanoseconds % 1_000_000_000
        }
        while !ready(value) {
            if timeout == nil {
                pthread_cond_wait(condition, mutex)
            } else if pthread_cond_timedwait(condition, mutex, &deadline) == ETIMEDOUT {
                break
            }
        }
        return try body(&value)
    }
}
