import Testing

@testable import SocketServer

/// When an event loop polls before it sleeps: only while at least half its recent waits ended within the window.
@Suite("EventLoop's poll window")
struct PollWindowTests {
    static let window: UInt64 = 50_000

    /// The window after `gaps`, one per wait, starting from a fresh loop.
    static func after(_ gaps: [UInt64], window: UInt64 = Self.window) -> PollWindow {
        var poll = PollWindow(window: window)
        for gap in gaps { poll.record(gap: gap) }
        return poll
    }

    @Test("a fresh loop sleeps at once; a loop whose events come within the window starts polling for it")
    func startsAfterShortGaps() {
        #expect(PollWindow(window: Self.window).current == 0)
        // The average needs six waits in a row to pass one half.
        #expect(Self.after(Array(repeating: 2_000, count: 5)).current == 0)
        #expect(Self.after(Array(repeating: 2_000, count: 6)).current == Self.window)
        #expect(Self.after(Array(repeating: 2_000, count: 1000)).current == Self.window)
        // A gap of exactly the window is caught by it.
        #expect(Self.after(Array(repeating: Self.window, count: 6)).current == Self.window)
    }

    @Test("a loop whose events come further apart than the window stops polling, and an idle one never starts")
    func stopsAfterLongGaps() {
        let busy = Array(repeating: UInt64(2_000), count: 100)
        #expect(Self.after(busy + Array(repeating: Self.window + 1, count: 5)).current == Self.window)
        #expect(Self.after(busy + Array(repeating: Self.window + 1, count: 6)).current == 0)
        // Idle: every wait ends at the deadline-check timeout.
        #expect(Self.after(Array(repeating: 100_000_000, count: 1000)).current == 0)
        // Busy again: polling comes back.
        let back = Self.after(busy + Array(repeating: 100_000_000, count: 100) + busy)
        #expect(back.current == Self.window)
    }

    @Test(
        "gaps evenly spread: at one wait in three within the window, no polling; at three in four, polling throughout")
    func mixedGaps() {
        // One wait in three caught, evenly spread: not worth polling, wherever the pattern starts. (Bunched,
        // as four short then eight long, the average passes one half after the fourth short one.)
        let rarely: [UInt64] = [2_000, 80_000, 80_000]
        for rotation in 0..<3 {
            let gaps = Array(repeating: rarely, count: 200).joined().dropFirst(rotation)
            var poll = PollWindow(window: Self.window)
            var polled = 0
            for gap in gaps {
                poll.record(gap: gap)
                if poll.current > 0 { polled += 1 }
            }
            #expect(polled == 0, "rotation \(rotation)")
        }
        // Three waits in four caught: the loop polls through every wait.
        let mostly: [UInt64] = [2_000, 2_000, 80_000, 2_000]
        var poll = Self.after(Array(repeating: 2_000, count: 20))
        for gap in Array(repeating: mostly, count: 200).joined() {
            poll.record(gap: gap)
            #expect(poll.current == Self.window)
        }
    }

    @Test("a window of zero never polls")
    func off() {
        #expect(Self.after(Array(repeating: 0, count: 1000), window: 0).current == 0)
        #expect(Self.after(Array(repeating: 2_000, count: 1000), window: 0).current == 0)
    }
}
