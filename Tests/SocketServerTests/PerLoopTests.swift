import Testing
import Threading

@Suite("Per-loop state: each loop reaches its own, nothing is folded")
struct PerLoopTests {
    @Test("each loop's value is its own; forEach reaches every one")
    func ownValues() {
        let counters = PerLoop(loops: 3) { $0 * 10 }
        for loop in 0..<3 { counters.withLock(loop: loop) { $0 += 1 } }
        #expect((0..<3).map { loop in counters.withLock(loop: loop) { $0 } } == [1, 11, 21])
        var sum = 0
        counters.forEach { sum += $0 }
        #expect(sum == 33)
        #expect(PerLoop(loops: 0) { _ in 0 }.count == 1, "at least one loop")
    }

    @Test("a thread says which loop it runs; other threads run none")
    func identity() async {
        #expect(LoopThread.current == nil)
        let seen = Locked<Int?>(nil)
        await withCheckedContinuation { (done: CheckedContinuation<Void, Never>) in
            startThread(named: "test-loop") {
                LoopThread.enter(loop: 3)
                seen.withLock { $0 = LoopThread.current }
                done.resume()
            }
        }
        #expect(seen.withLock { $0 } == 3)
        #expect(LoopThread.current == nil)
    }

    @Test("a loop that does not exist traps instead of reaching another loop's value")
    func outOfRange() async {
        await #expect(processExitsWith: .failure) {
            _ = PerLoop(loops: 2) { _ in 0 }.withLock(loop: 2) { $0 }
        }
        await #expect(processExitsWith: .failure) {
            final class Box {}
            _ = LoopConfined(loops: 1) { _ in Box() }.on(loop: 1)
        }
    }

    @Test("in debug builds, a loop's thread that reaches another loop's state traps")
    func crossLoop() async {
        await #expect(processExitsWith: .failure) {
            let states = PerLoop(loops: 2) { _ in 0 }
            LoopThread.enter(loop: 0)
            _ = states.withLock(loop: 1) { $0 }
        }
    }
}
