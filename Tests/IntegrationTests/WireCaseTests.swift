import Glibc
import HTTP1
import SocketServer
import Testing
import WireFixtures

@Suite("The server answers every http11-cases fixture on a real socket")
struct WireCaseTests {
    @Test("status codes in order, then close or keep open", arguments: WireCase.all)
    func fixture(_ fixture: WireCase) async throws {
        try await withServer { server in
            let client = try RawClient(port: server.port)
            client.send(fixture.raw)
            let responses = client.responses(
                fixture.statuses.count, headResponses: fixture.headResponses,
                timeoutMilliseconds: fixture.statuses.isEmpty ? 300 : 3000)
            #expect(responses.map(\.status) == fixture.statuses)
            for response in responses {
                #expect(response.header("Date") != nil)
                #expect(response.header("Content-Length") != nil)
                if response.status >= 400 {
                    #expect(response.header("Content-Type") == "application/problem+json")
                }
            }
            if fixture.closes {
                #expect(responses.last?.header("Connection") == "close")
                #expect(client.closes(withinMilliseconds: 3000))
            } else {
                #expect(responses.last?.header("Connection") != "close")
                #expect(!client.closes(withinMilliseconds: 300))
            }
        }
    }

    @Test("H1: a request written one byte at a time")
    func byteAtATime() async throws {
        try await withServer { server in
            let client = try RawClient(port: server.port)
            // Blocking sleeps: the test thread paces the bytes itself, whatever the cooperative pool is doing.
            for byte in "GET /items/1 HTTP/1.1\r\nHost: a\r\nConnection: close\r\n\r\n".utf8 {
                client.send([byte])
                usleep(1000)
            }
            let responses = client.responses(1)
            #expect(responses.map(\.status) == [200])
            #expect(responses.first?.body == ItemsResponder.item)
            #expect(client.closes(withinMilliseconds: 3000))
        }
    }

    @Test("H2 and H3: requests split at awkward places, with pauses")
    func splits() async throws {
        try await withServer { server in
            let client = try RawClient(port: server.port)
            client.send("GET /items/1 HTTP/1.1\r\nHost: a\r\n\r")
            usleep(50_000)
            client.send("\nGET /items/1 HTTP/1.1\r\nHo")
            usleep(50_000)
            client.send("st: a\r\nConnection: close\r\n\r\n")
            #expect(client.responses(2).map(\.status) == [200, 200])
            #expect(client.closes(withinMilliseconds: 3000))
        }
    }

    @Test("HEAD has the GET's Content-Length and no body")
    func headMatchesGet() async throws {
        try await withServer { server in
            let client = try RawClient(port: server.port)
            client.send("GET /items/1 HTTP/1.1\r\nHost: a\r\n\r\nHEAD /items/1 HTTP/1.1\r\nHost: a\r\n\r\n")
            let responses = client.responses(2, headResponses: [1])
            #expect(responses.count == 2)
            #expect(responses[0].header("Content-Length") == "\(ItemsResponder.item.count)")
            #expect(responses[1].header("Content-Length") == responses[0].header("Content-Length"))
            #expect(!client.closes(withinMilliseconds: 200))
            #expect(client.unreadByteCount == 0)
        }
    }

    @Test("I1: a client that half-closes after its request still gets the answer")
    func halfClose() async throws {
        try await withServer { server in
            let client = try RawClient(port: server.port)
            client.send("GET /items/1 HTTP/1.1\r\nHost: a\r\n\r\n")
            client.shutdownWrite()
            #expect(client.responses(1).map(\.status) == [200])
            #expect(client.closes(withinMilliseconds: 3000))
        }
    }

    @Test("I2: clients resetting mid-way through a large response do not hurt the server")
    func resets() async throws {
        try await withServer { server in
            for _ in 0..<20 {
                let client = try RawClient(port: server.port, receiveBuffer: 4096)
                client.send("GET /big.json HTTP/1.1\r\nHost: a\r\n\r\n")
                _ = client.readOnce(timeoutMilliseconds: 1000)
                client.reset()
            }
            let client = try RawClient(port: server.port)
            client.send("GET /items/1 HTTP/1.1\r\nHost: a\r\n\r\n")
            #expect(client.responses(1).map(\.status) == [200])
        }
    }

    @Test("many pipelined requests in one write are all answered, in order")
    func pipelinedFlood() async throws {
        try await withServer { server in
            let client = try RawClient(port: server.port)
            let paths = (0..<500).map { $0 % 3 == 0 ? "/nope" : "/items/1" }
            client.send(paths.map { "GET \($0) HTTP/1.1\r\nHost: a\r\n\r\n" }.joined())
            let statuses = client.responses(paths.count).map(\.status)
            #expect(statuses == paths.map { $0 == "/nope" ? 404 : 200 })
        }
    }
}
