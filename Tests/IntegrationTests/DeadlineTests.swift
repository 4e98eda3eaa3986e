import Glibc
import HTTP1
import Testing

@testable import SocketServer

@Suite("Deadlines and connection limits")
struct DeadlineTests {
    @Test("T1: a slowloris head is cut at the total head deadline with 408, however steady the trickle")
    func slowloris() async throws {
        try await withServer({ $0.headDeadline = .seconds(1) }) { server in
            let client = try RawClient(port: server.port)
            client.send("GET /items/1 HTTP/1.1\r\nHost: a\r\n")
            let start = ContinuousClock.now
            var closedAfter: Duration?
            // A per-read timer would never fire during this 5 s trickle; a total deadline fires at 1 s.
            for _ in 0..<50 {
                client.send("X")
                try await Task.sleep(for: .milliseconds(100))
                if case .bytes = client.readOnce(timeoutMilliseconds: 0) {
                    closedAfter = ContinuousClock.now - start
                    break
                }
            }
            let elapsed = try #require(closedAfter)
            #expect(elapsed >= .milliseconds(900))
            #expect(client.responses(1).map(\.status) == [408])
            #expect(client.closes(withinMilliseconds: 2000))
        }
    }

    @Test("T2: an idle keep-alive connection is closed silently after the idle timeout")
    func idle() async throws {
        try await withServer({ $0.idleTimeout = .milliseconds(500) }) { server in
            let client = try RawClient(port: server.port)
            client.send("GET /items/1 HTTP/1.1\r\nHost: a\r\n\r\n")
            #expect(client.responses(1).map(\.status) == [200])
            #expect(!client.closes(withinMilliseconds: 200))
            #expect(client.closes(withinMilliseconds: 1500))
        }
    }

    @Test("a loop kept polling by back-to-back requests answers them, closes its idle connection on time, then sleeps")
    func idleWhilePolling() async throws {
        try await withServer({
            $0.eventLoopCount = 1
            // A window the client's round trips fit in under a sanitizer too (1 ms did not, once the
            // machine was busy); idle, six polls in vain cost at most 30 ms, far below the bound below.
            $0.busyPoll = .milliseconds(5)
            $0.idleTimeout = .milliseconds(500)
            $0.maxRequestsPerConnection = 10_000_000
        }) { server in
            let loop = server.loops[0]
            let idle = try RawClient(port: server.port)
            idle.send("GET /items/1 HTTP/1.1\r\nHost: a\r\n\r\n")
            #expect(idle.responses(1).map(\.status) == [200])
            // Each request comes well within the poll window of the last, so the loop polls throughout.
            let busy = try RawClient(port: server.port)
            let start = ContinuousClock.now
            var sent = 0
            var answered = 0
            var idleClosedAfter: Duration?
            while ContinuousClock.now - start < .milliseconds(1500) {
                busy.send("GET /items/1 HTTP/1.1\r\nHost: a\r\n\r\n")
                sent += 1
                answered += busy.responses(1).filter { $0.status == 200 }.count
                if idleClosedAfter == nil, idle.closes(withinMilliseconds: 0) {
                    idleClosedAfter = ContinuousClock.now - start
                }
            }
            #expect(answered == sent)
            let pollingUnderLoad = try Self.onLoop(loop) { loop.isPolling }
            #expect(pollingUnderLoad)
            // Idle since just before `start`: 500 ms, plus at most one deadline-check period (100 ms).
            let closedAfter = try #require(idleClosedAfter)
            #expect(closedAfter < .milliseconds(800))
            #expect(!busy.closes(withinMilliseconds: 50))
            // The requests stop: the loop stops polling (each 100 ms deadline-check timeout counts as a wait
            // the window missed, and six in a row end polling) and sleeps.
            let before = try Self.onLoop(loop) { Self.threadCPUTime() }
            try await Task.sleep(for: .seconds(1))
            let used = try Self.onLoop(loop) { Self.threadCPUTime() } - before
            #expect(used < .milliseconds(150))
            let pollingWhenIdle = try Self.onLoop(loop) { loop.isPolling }
            #expect(!pollingWhenIdle)
        }
    }

    /// `body`'s answer, computed on `loop`'s thread.
    static func onLoop<T: Sendable>(_ loop: EventLoop, _ body: @escaping @Sendable () -> T) throws -> T {
        let answer = LoopAnswer<T>()
        loop.executeAndWait { answer.value = body() }
        return try #require(answer.value, "the loop ran the task")
    }

    /// CPU time of the calling thread.
    static func threadCPUTime() -> Duration {
        var time = timespec()
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &time)
        return .seconds(time.tv_sec) + .nanoseconds(time.tv_nsec)
    }

    @Test("T3: a slow body is cut at the total body deadline with 408")
    func slowBody() async throws {
        try await withServer({ $0.bodyDeadline = .seconds(1) }) { server in
            let client = try RawClient(port: server.port)
            client.send("POST /items/1 HTTP/1.1\r\nHost: a\r\nContent-Length: 1000\r\n\r\n")
            for _ in 0..<15 {
                client.send("b")
                try await Task.sleep(for: .milliseconds(100))
            }
            #expect(client.responses(1).map(\.status) == [408])
            #expect(client.closes(withinMilliseconds: 2000))
        }
    }

    @Test("a client that never reads is dropped at the send deadline")
    func neverReads() async throws {
        try await withServer({ $0.sendTimeout = .seconds(1) }) { server in
            let client = try RawClient(port: server.port, receiveBuffer: 4096)
            client.send("GET /big.json HTTP/1.1\r\nHost: a\r\n\r\n")
            #expect(client.readOnce(timeoutMilliseconds: 2000) != .timedOut)
            #expect(server.connectionCount == 1)
            let start = ContinuousClock.now
            while server.connectionCount > 0, ContinuousClock.now - start < .seconds(10) {
                try await Task.sleep(for: .milliseconds(50))
            }
            #expect(server.connectionCount == 0)
            #expect(ContinuousClock.now - start >= .milliseconds(800))
        }
    }

    @Test("at the connection cap, a new client waits until another leaves")
    func connectionCap() async throws {
        try await withServer({ $0.maxConnections = 3 }) { server in
            let holders = try (0..<3).map { _ in try RawClient(port: server.port) }
            for holder in holders {
                holder.send("GET /items/1 HTTP/1.1\r\nHost: a\r\n\r\n")
                #expect(holder.responses(1).map(\.status) == [200])
            }
            let waiting = try RawClient(port: server.port)
            waiting.send("GET /items/1 HTTP/1.1\r\nHost: a\r\n\r\n")
            #expect(waiting.responses(1, timeoutMilliseconds: 300).isEmpty)
            #expect(server.connectionCount == 3)
            holders[0].reset()
            #expect(waiting.responses(1).map(\.status) == [200])
        }
    }

    @Test("while a client waits at the cap, silent, idle and slow-head connections are shed after the overload timeout")
    func overloadShedsSlowConnections() async throws {
        try await withServer({
            $0.maxConnections = 3
            $0.overloadTimeout = .seconds(1)
        }) { server in
            // Below the cap the usual deadlines hold: silence for longer than the overload timeout is fine.
            let patient = try RawClient(port: server.port)
            usleep(1_500_000)
            patient.send("GET /items/1 HTTP/1.1\r\nHost: a\r\n\r\n")
            #expect(patient.responses(1).map(\.status) == [200])
            let silent = try RawClient(port: server.port)
            let slowHead = try RawClient(port: server.port)
            slowHead.send("GET /items/1 HTTP/1.1\r\nHost: a\r\n")
            usleep(200_000)
            #expect(server.connectionCount == 3)

            let waiting = try RawClient(port: server.port)
            let start = ContinuousClock.now
            waiting.send("GET /items/1 HTTP/1.1\r\nHost: a\r\n\r\n")
            #expect(waiting.responses(1, timeoutMilliseconds: 4000).map(\.status) == [200])
            #expect(ContinuousClock.now - start < .seconds(3))  // not the 10 s head or 75 s idle deadline
            #expect(slowHead.responses(1).map(\.status) == [408])
            #expect(silent.closes(withinMilliseconds: 2000))
            #expect(patient.closes(withinMilliseconds: 2000))
        }
    }

    @Test("the last request a connection may carry is answered with Connection: close")
    func requestsPerConnection() async throws {
        try await withServer({ $0.maxRequestsPerConnection = 3 }) { server in
            let client = try RawClient(port: server.port)
            client.send(String(repeating: "GET /items/1 HTTP/1.1\r\nHost: a\r\n\r\n", count: 4))
            let responses = client.responses(4, timeoutMilliseconds: 1000)
            #expect(responses.map(\.status) == [200, 200, 200])
            #expect(responses.map { $0.header("Connection") } == [nil, nil, "close"])
            #expect(client.closes(withinMilliseconds: 2000))
        }
    }
}

@Suite("Graceful stop")
struct GracefulStopTests {
    @Test("stop closes the listener and idle connections, and lets a slow response finish")
    func gracefulStop() async throws {
        var configuration = ServerConfiguration()
        configuration.port = 0
        // The slow client reads nothing while the test waits for the listener to close, which can take
        // many seconds under a sanitizer with every suite running: the send timeout (30 s by default, its
        // own tests elsewhere) must not end the response this test lets finish.
        configuration.sendTimeout = .seconds(120)
        let server = HTTPServer(configuration: configuration, responder: ItemsResponder())
        try server.start()
        let port = server.port
        let idle = try RawClient(port: port)
        idle.send("GET /items/1 HTTP/1.1\r\nHost: a\r\n\r\n")
        #expect(idle.responses(1).map(\.status) == [200])
        let slow = try RawClient(port: port, receiveBuffer: 4096)
        slow.send("GET /big.json HTTP/1.1\r\nHost: a\r\n\r\n")
        #expect(slow.readOnce(timeoutMilliseconds: 1000) != .timedOut)

        // The grace outlasts the client's patience below: the test is that the response finishes.
        let stopping = Task { await server.stop(grace: .seconds(60)) }
        // The listener closes as soon as stop runs; poll rather than trust one sleep (the stop task may
        // start late while other tests block the cooperative pool), yielding the thread between tries.
        var refused = false
        for _ in 0..<2000 where !refused {
            try await Task.sleep(for: .milliseconds(10))
            refused = (try? RawClient(port: port)) == nil
        }
        #expect(refused)
        #expect(idle.closes(withinMilliseconds: 5000))

        // 8 MiB through a 4 KiB receive buffer: generous under the sanitizers, where other suites load the machine.
        let response = try #require(slow.responses(1, timeoutMilliseconds: 45000).first)
        #expect(response.status == 200)
        #expect(response.body.count == ItemsResponder.big.count)
        #expect(slow.closes(withinMilliseconds: 2000))
        await stopping.value
        #expect(server.connectionCount == 0)
    }
}

/// A value written on an event loop's thread and read once the loop has run the task that wrote it.
private final class LoopAnswer<T>: @unchecked Sendable {
    var value: T?
}
