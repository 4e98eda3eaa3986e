import HTTP1
import Testing

@testable import SocketServer

/// A connection's decisions driven by hand, on a fake clock: no socket, no sleep.
struct Harness {
    var configuration = ServerConfiguration()
    var now: UInt64 = 1_000_000_000_000
    var machine: ConnectionMachine

    init(_ adjust: (inout ServerConfiguration) -> Void = { _ in }) {
        adjust(&configuration)
        machine = ConnectionMachine(ConnectionMachine.Shared(configuration), now: now)
    }

    mutating func advance(_ duration: Duration) {
        now +=
            UInt64(duration.components.seconds) * 1_000_000_000
            + UInt64(duration.components.attoseconds / 1_000_000_000)
    }

    mutating func receive(_ text: String) {
        let bytes = Array(text.utf8)
        bytes.withUnsafeBytes { machine.received($0, now: now) }
    }

    /// Everything the machine hands out now; each answer gets a response of `bodySize` bytes queued.
    mutating func answerAll(bodySize: Int = 10) -> [ConnectionMachine.Next] {
        var steps: [ConnectionMachine.Next] = []
        while true {
            let step = machine.next(now: now)
            steps.append(step)
            switch step {
            case .answer, .refuse:
                _ = machine.queue(
                    head: Array("HTTP/1.1 200 OK\r\n\r\n".utf8), body: [UInt8](repeating: 1, count: bodySize), now: now)
            case .wait:
                return steps
            }
        }
    }

    /// The socket takes everything queued.
    mutating func sendAll() -> ConnectionMachine.AfterFlush {
        machine.sent(machine.outbound.byteCount, now: now)
        return machine.flushed(now: now)
    }

    func expiry(overloaded: Bool = false) -> ConnectionMachine.Expiry {
        machine.expiry(now: now, overloaded: overloaded)
    }

    static let get = "GET /a HTTP/1.1\r\nHost: x\r\n\r\n"
}

extension ConnectionMachine.Next {
    var directive: ResponseHead.ConnectionDirective? {
        if case .answer(_, let directive) = self { return directive }
        return nil
    }
    var path: String? {
        if case .answer(let request, _) = self { return request.path }
        return nil
    }
}

@Suite("The connection's decisions, on a fake clock")
struct ConnectionMachineTests {
    @Test("an idle keep-alive connection closes after the idle timeout, not before")
    func idle() {
        var h = Harness()
        h.receive(Harness.get)
        _ = h.answerAll()
        #expect(h.sendAll() == .nothing)
        h.advance(.seconds(75))
        #expect(h.expiry() == .none)
        h.advance(.milliseconds(1))
        #expect(h.expiry() == .close)
    }

    @Test("a head that does not arrive in time is answered 408; a body likewise")
    func headAndBodyDeadlines() {
        var h = Harness()
        h.receive("GET /a HTTP/1.1\r\nHo")
        #expect(h.answerAll() == [.wait])
        h.advance(.seconds(10))
        #expect(h.expiry() == .none)
        h.advance(.milliseconds(1))
        #expect(h.expiry() == .timeOut)
        h.machine.timedOut()
        #expect(h.machine.phase == .closingAfterFlush)
        #expect(!h.machine.wantsRead)

        var b = Harness { $0.bodyDeadline = .seconds(3) }
        b.receive("POST /a HTTP/1.1\r\nHost: x\r\nContent-Length: 10\r\n\r\n12345")
        #expect(b.answerAll() == [.wait])
        b.advance(.seconds(3) + .milliseconds(1))
        #expect(b.expiry() == .timeOut)
    }

    @Test("a response the client does not read closes after the send timeout; progress resets it")
    func sendTimeout() {
        var h = Harness()
        h.receive(Harness.get)
        _ = h.answerAll(bodySize: 1000)
        h.machine.sendWouldBlock()
        #expect(h.machine.wantsWrite && !h.machine.wantsRead)
        h.advance(.seconds(20))
        h.machine.sent(100, now: h.now)
        h.advance(.seconds(20))
        #expect(h.expiry() == .none, "progress 20 s ago")
        h.advance(.seconds(10) + .milliseconds(1))
        #expect(h.expiry() == .close)
    }

    @Test("after the last response the connection lingers, then closes after the linger time")
    func linger() {
        var h = Harness()
        h.receive("GET /a HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
        #expect(h.answerAll().first?.directive == .close)
        #expect(h.sendAll() == .linger)
        #expect(h.machine.phase == .lingering && h.machine.wantsRead)
        h.advance(.seconds(2))
        #expect(h.expiry() == .none)
        h.advance(.milliseconds(1))
        #expect(h.expiry() == .close)
    }

    @Test("while clients wait to be accepted, every deadline shrinks to the overload timeout")
    func overload() {
        var h = Harness()
        h.advance(.seconds(1) + .milliseconds(1))
        #expect(h.expiry() == .none)
        #expect(h.expiry(overloaded: true) == .close)
        var slow = Harness()
        slow.receive("GET /a HT")
        slow.advance(.seconds(1) + .milliseconds(1))
        #expect(slow.expiry(overloaded: true) == .timeOut)
    }

    @Test("pipelined requests are answered in order, each once")
    func pipelining() {
        var h = Harness()
        h.receive("GET /1 HTTP/1.1\r\nHost: x\r\n\r\nGET /2 HTTP/1.1\r\nHost: x\r\n\r\nGET /3 HT")
        let steps = h.answerAll()
        #expect(steps.map(\.path) == ["/1", "/2", nil])
        h.receive("TP/1.1\r\nHost: x\r\n\r\n")
        #expect(h.answerAll().map(\.path) == ["/3", nil])
    }

    @Test("output backed up to the high-water mark stops reading and answering until it drains")
    func highWater() {
        var h = Harness { $0.outboundHighWater = 100 }
        h.receive(Harness.get + Harness.get)
        #expect(h.answerAll(bodySize: 200).map(\.path) == ["/a", nil])
        #expect(!h.machine.wantsRead)
        #expect(h.sendAll() == .answerBuffered)
        #expect(h.machine.wantsRead)
        #expect(h.answerAll(bodySize: 10).map(\.path) == ["/a", nil])
    }

    @Test("a client that half-closes gets the answers to what it sent, then the connection closes")
    func halfClose() {
        var h = Harness()
        h.receive(Harness.get)
        h.machine.peerClosed()
        #expect(h.answerAll().map(\.path) == ["/a", nil])
        let finishing = h.machine.finishIfPeerClosed()
        #expect(finishing)
        #expect(h.machine.phase == .closingAfterFlush && !h.machine.wantsRead)
        #expect(h.sendAll() == .linger)
    }

    @Test("input that can never be a request is refused, and nothing after it is read")
    func refused() {
        var h = Harness()
        h.receive("GET /a HTTP/1.1\r\nHost: x\r\n\r\nBREW / HTCPCP/1.0\r\n\r\n")
        let steps = h.answerAll()
        #expect(steps.count == 3)
        #expect(steps[0].path == "/a")
        guard case .refuse = steps[1] else {
            Issue.record("not refused: \(steps[1])")
            return
        }
        #expect(h.machine.phase == .closingAfterFlush)
    }

    @Test("the last request a connection may carry is answered with Connection: close")
    func maxRequests() {
        var h = Harness { $0.maxRequestsPerConnection = 2 }
        h.receive(Harness.get + Harness.get + Harness.get)
        #expect(h.answerAll().map(\.directive) == [.keepAlive, .close, nil])
    }

    @Test("HTTP/1.0 keep-alive is answered with its own directive")
    func http10() {
        var h = Harness()
        h.receive("GET /a HTTP/1.0\r\nConnection: keep-alive\r\n\r\n")
        #expect(h.answerAll().first?.directive == .keepAliveHTTP10)
    }

    @Test("a drain closes an idle connection at once, and makes a busy one's response its last")
    func drain() {
        var idle = Harness()
        let idleCloses = idle.machine.drain()
        #expect(idleCloses)
        var busy = Harness()
        busy.receive("GET /a HTTP/1.1\r\nHost")
        let busyCloses = busy.machine.drain()
        #expect(!busyCloses)
        busy.receive(": x\r\n\r\n")
        #expect(busy.answerAll().first?.directive == .close)
        var sending = Harness()
        sending.receive(Harness.get)
        _ = sending.answerAll()
        let sendingCloses = sending.machine.drain()
        #expect(!sendingCloses, "a response is on its way")
        #expect(sending.sendAll() == .close)
    }

    @Test("a response's duration runs from its own request's first byte, pipelined or not")
    func durations() {
        var h = Harness()
        h.receive("GET /1 HTTP/1.1\r\nHost: x\r\n\r\n")
        h.advance(.milliseconds(5))
        h.receive("GET /2 HTTP/1.1\r\nHost: x\r\n\r\n")
        h.advance(.milliseconds(5))
        guard case .answer = h.machine.next(now: h.now) else { Issue.record("no answer"); return }
        let first = h.machine.queue(head: [1], body: nil, now: h.now)
        #expect(abs(first - 0.010) < 1e-9)
    }
}
