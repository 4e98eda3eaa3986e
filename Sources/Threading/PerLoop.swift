import Glibc

/// Which event loop the calling thread runs, if it runs one: each loop thread says so once, when it
/// starts, and per-loop state checks it (in debug builds) the way SwiftNIO's `assertInEventLoop()` does.
public enum LoopThread {
    private static let key: pthread_key_t = {
        var key = pthread_key_t()
        precondition(pthread_key_create(&key, nil) == 0, "pthread_key_create failed")
        return key
    }()

    /// Called once by loop `index`'s thread, before it serves anything.
    public static func enter(loop index: Int) {
        pthread_setspecific(key, UnsafeRawPointer(bitPattern: index + 1))
    }

    /// The loop the calling thread runs; nil on any other thread (a test, a signal handler, the main thread).
    public static var current: Int? {
        guard let raw = pthread_getspecific(key) else { return nil }
        return Int(bitPattern: raw) - 1
    }

    /// Traps in debug builds when an event loop's thread reaches another loop's state.
    @inlinable
    public static func assertOwned(_ loop: Int, of count: Int, file: StaticString = #fileID, line: UInt = #line) {
        assert(
            (0..<count).contains(loop), "loop \(loop) of \(count): per-loop state is never folded", file: file,
            line: line)
        assert(
            current.map { $0 == loop } ?? true, "loop \(current ?? -1)'s thread reached loop \(loop)'s state",
            file: file, line: line)
    }
}

/// One value per event loop, each under a lock of its own so that loops never contend: the value of
/// loop `i` is reached only with `i`, which must be a loop that exists (an index out of range traps: it
/// is never folded onto another loop's value), and, in debug builds, from loop `i`'s own thread or from
/// a thread that runs no loop. `forEach` reaches every value, one lock at a time, for what concerns all
/// loops (a reload, draining, adding the metrics up).
public final class PerLoop<Value>: Sendable {
    @usableFromInline let slots: [Locked<Value>]

    public init(loops: Int, _ make: (Int) -> Value) {
        slots = (0..<max(1, loops)).map { Locked(make($0)) }
    }

    public var count: Int { slots.count }

    @inlinable
    public func withLock<Result>(loop: Int, _ body: (inout Value) throws -> Result) rethrows -> Result {
        LoopThread.assertOwned(loop, of: slots.count)
        return try slots[loop].withLock(body)
    }

    public func forEach(_ body: (inout Value) -> Void) {
        for slot in slots { slot.withLock(body) }
    }
}

/// One value per event loop without a lock: loop `i`'s value is touched only on loop `i`'s thread (or
/// once the loops have stopped), which debug builds check. For state on the request path whose
/// confinement is the design, as the access log's buffers are.
public final class LoopConfined<Value: AnyObject>: @unchecked Sendable {  // values[i] only on loop i's thread
    @usableFromInline let values: [Value]

    public init(loops: Int, _ make: (Int) -> Value) {
        values = (0..<max(1, loops)).map(make)
    }

    public var count: Int { values.count }

    /// Loop `loop`'s value; call it on that loop's thread.
    @inlinable
    public func on(loop: Int) -> Value {
        LoopThread.assertOwned(loop, of: values.count)
        return values[loop]
    }

    /// Every value: only once the loops have stopped, or from each loop for its own.
    public var all: [Value] { values }
}
