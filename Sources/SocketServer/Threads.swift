import CEpoll
import Glibc

/// A pthread mutex: plain, and visible to ThreadSanitizer (a futex-based lock's wait path is not).
final class Mutex: @unchecked Sendable {  // the pthread_mutex_t lives at a fixed address, never moved
    private let mutex = UnsafeMutablePointer<pthread_mutex_t>.allocate(capacity: 1)

    init() { pthread_mutex_init(mutex, nil) }

    deinit {
        pthread_mutex_destroy(mutex)
        mutex.deallocate()
    }

    func lock() { pthread_mutex_lock(mutex) }
    func unlock() { pthread_mutex_unlock(mutex) }
}

/// Starts a detached thread that runs `body`; `name` (up to 15 bytes) shows in `top -H` and `perf`.
/// A pthread, not Foundation's `Thread`: the server links FoundationEssentials only, without ICU.
func startThread(named name: String, _ body: @escaping @Sendable () -> Void) {
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
            hta_name_thread(work.name)
            work.body()
            return nil
        }, work)
    precondition(result == 0, "pthread_create failed: \(result)")
    pthread_detach(thread)
}
