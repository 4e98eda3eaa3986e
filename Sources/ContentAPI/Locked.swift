import Glibc

/// A value guarded by a pthread mutex. Chosen over `Synchronization.Mutex` because its futex wait path
/// is invisible to ThreadSanitizer, which then reports contended sections as races; and over NSLock
/// because the server links FoundationEssentials only.
final class Locked<Value>: @unchecked Sendable {  // `value` is only touched under `mutex`
    private let mutex = UnsafeMutablePointer<pthread_mutex_t>.allocate(capacity: 1)
    private var value: Value

    init(_ value: Value) {
        self.value = value
        pthread_mutex_init(mutex, nil)
    }

    deinit {
        pthread_mutex_destroy(mutex)
        mutex.deallocate()
    }

    func withLock<Result>(_ body: (inout Value) throws -> Result) rethrows -> Result {
        pthread_mutex_lock(mutex)
        defer { pthread_mutex_unlock(mutex) }
        return try body(&value)
    }
}
