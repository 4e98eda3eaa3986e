import Glibc
import Testing
import Threading

@Suite("Pending: a value computed on a thread of its own")
struct PendingTests {
    @Test("the value is computed on a named thread while the caller goes on, and value() waits for it")
    func concurrentAndWaited() {
        let callerWent = Locked(false)
        let pending = Pending(named: "test-pending") { () -> (String, Bool) in
            // Waits until the caller has gone on: the caller did not wait to start it.
            while !callerWent.withLock({ $0 }) { usleep(100) }
            usleep(20_000)
            return (Self.threadName(), true)
        }
        callerWent.withLock { $0 = true }
        let (name, done) = pending.value()
        #expect(name == "test-pending")
        #expect(done)
        #expect(Self.threadName() != "test-pending")
    }

    @Test("a long name is cut to the 15 bytes a thread name holds; a dropped Pending still runs, detached")
    func longNameAndDropped() {
        #expect(Pending(named: "a-very-long-thread-name") { Self.threadName() }.value() == "a-very-long-thr")
        let ran = Locked(false)
        do { _ = Pending(named: "test-dropped") { ran.withLock { $0 = true } } }
        var waited = 0
        while !ran.withLock({ $0 }) && waited < 5_000 {
            usleep(1_000)
            waited += 1
        }
        #expect(ran.withLock { $0 })
    }

    static func threadName() -> String {
        guard let file = fopen("/proc/thread-self/comm", "r") else { return "" }
        defer { fclose(file) }
        var buffer = [CChar](repeating: 0, count: 32)
        guard fgets(&buffer, 32, file) != nil else { return "" }
        return String(decoding: buffer.prefix { $0 != 0 && $0 != 10 }.map { UInt8($0) }, as: UTF8.self)
    }
}
