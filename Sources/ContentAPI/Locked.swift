import Foundation

/// A value guarded by a pthread mutex (NSLock). Chosen over `Synchronization.Mutex` because its futex
/// wait path is invisible to ThreadSanitizer, which then reports contended sections as races.
final class Locked<Value>: @unchecked Sendable {  // `value` is only touched under `lock`
    private let lock = NSLock()
    private var value: Value

    init(_ value: Value) { self.value = value }

    func withLock<Result>(_ body: (inout Value) throws -> Result) rethrows -> Result {
        lock.lock()
        defer { lock.unlock() }
        return try body(&value)
    }
}
