import Foundation
import HTTP1
import SocketServer
import Testing
import Threading

/// Records the time each request's context says it was received, and answers 204.
private struct ClockResponder: HTTPResponder {
    let received = Locked<[Double]>([])

    func respond(to request: HTTPRequest, context: ConnectionContext) -> HTTPResponse {
        received.withLock { $0.append(context.receivedAt) }
        return HTTPResponse(status: .noContent)
    }
}

@Suite("The time a request was received")
struct ReceivedAtTests {
    @Test("is the wall clock when its bytes came (the loop's one reading a batch, plus the wall clock's offset)")
    func receivedAtIsWallClock() async throws {
        let responder = ClockResponder()
        try await serving(responder) { server in
            let client = try RawClient(port: server.port)
            for round in 0..<3 {
                let before = Date().timeIntervalSince1970
                client.send("GET /a HTTP/1.1\r\nHost: a\r\n\r\n")
                #expect(client.responses(1).first?.status == 204)
                let after = Date().timeIntervalSince1970
                let received = try #require(responder.received.withLock { $0.last })
                // The clocks are read at different moments: allow a few milliseconds either side.
                #expect(received >= before - 0.005 && received <= after + 0.005, "round \(round)")
                try await Task.sleep(for: .milliseconds(150))  // past a deadline check, which re-reads the offset
            }
        }
    }
}
