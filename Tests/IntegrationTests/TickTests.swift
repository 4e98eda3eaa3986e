import HTTP1
import SocketServer
import Testing
import Threading

@Suite("Loop ticks")
struct TickTests {
    @Test("each event loop calls the server's tick with its own index, on its own thread")
    func everyLoopTicks() async throws {
        // Each tick records (the index it was given, the loop whose thread ran it). A class under a lock:
        // a Mutex captured by the loops' closure is a shared variable to the exclusivity checks.
        let ticks = Locked<[(given: Int, thread: Int?)]>([])
        var configuration = ServerConfiguration()
        configuration.host = "127.0.0.1"
        configuration.port = 0
        configuration.eventLoopCount = 3
        configuration.timerResolution = .milliseconds(10)
        let server = HTTPServer(
            configuration: configuration, responder: ItemsResponder(),
            tick: { loop in ticks.withLock { $0.append((loop, LoopThread.current)) } })
        try server.start()
        // Wait (bounded) until every loop has ticked a few times.
        for _ in 0..<500 {
            let seen = ticks.withLock { ticks in Set(ticks.map(\.given)) }
            if seen == [0, 1, 2] { break }
            try await Task.sleep(for: .milliseconds(10))
        }
        await server.stop(grace: .seconds(1))
        let recorded = ticks.withLock { $0 }
        #expect(Set(recorded.map(\.given)) == [0, 1, 2])
        #expect(recorded.allSatisfy { $0.thread == $0.given })
    }
}
