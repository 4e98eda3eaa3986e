import HTTP1
import SocketServer
import Testing

@Suite("Unencoded bytes in a query")
struct UnencodedQueryTests {
    @Test("raw UTF-8 in the query is a 400 that names the query and says to percent-encode")
    func rawUTF8() async throws {
        try await withServer { server in
            let client = try RawClient(port: server.port)
            // "œstrogène" as UTF-8 bytes, not percent-encoded, as some clients send it.
            client.send(
                Array("GET /items/1?q=".utf8) + [0xC5, 0x93] + Array("strog".utf8) + [0xC3, 0xA8]
                    + Array("ne HTTP/1.1\r\nHost: a\r\n\r\n".utf8))
            let response = try #require(client.responses(1).first)
            #expect(response.status == 400)
            let detail = String(decoding: response.body, as: UTF8.self)
            #expect(detail.contains("The query holds bytes"), "\(detail)")
            #expect(detail.contains("percent-encode"), "\(detail)")
        }
    }
}
