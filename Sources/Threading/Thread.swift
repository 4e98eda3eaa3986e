import Glibc

/// Starts a detached thread that runs `body`; `name` (up to 15 bytes) shows in `top -H` and `perf`.
/// A pthread, not Foundation's `Thread`: the server links FoundationEssentials only, without ICU.
public func startThread(named name: String, _ body: @escaping @Sendable () -> Void) {
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
    pthread_detach(thread)
}

/// Names the calling thread, as pthread_setname_np does (which Swift's Glibc module does not export):
/// by writing the name to the thread's `comm` file.
private func nameThisThread(_ name: String) {
    let fd = open("/proc/thread-self/comm", O_WRONLY)
    guard fd >= 0 else { return }
    _ = Array(name.utf8).withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
    close(fd)
}
