import Testing

@Suite("libcurl as the client")
struct CurlTests {
    @Test("GET: status, headers and body; the connection is reused")
    func get() async throws {
        try await withServer { server in
            let curl = CurlClient()
            let first = try curl.request("http://127.0.0.1:\(server.port)/items/1")
            #expect(first.status == 200)
            #expect(first.body == ItemsResponder.item)
            #expect(first.header("Content-Type") == "application/json")
            #expect(first.header("Content-Length") == "\(ItemsResponder.item.count)")
            #expect(first.header("Date")?.hasSuffix(" GMT") == true)
            #expect(first.newConnections == 1)
            let second = try curl.request("http://127.0.0.1:\(server.port)/items/1")
            #expect(second.status == 200)
            #expect(second.newConnections == 0)
        }
    }

    @Test("HEAD, 404 and 405 with Allow")
    func errors() async throws {
        try await withServer { server in
            let curl = CurlClient()
            let base = "http://127.0.0.1:\(server.port)"
            let head = try curl.request(base + "/items/1", method: "HEAD")
            #expect(head.status == 200)
            #expect(head.body.isEmpty)
            #expect(head.header("Content-Length") == "\(ItemsResponder.item.count)")
            let missing = try curl.request(base + "/nope")
            #expect(missing.status == 404)
            #expect(missing.header("Content-Type") == "application/problem+json")
            #expect(missing.text.contains(#""status":404"#))
            let delete = try curl.request(base + "/items/1", method: "DELETE")
            #expect(delete.status == 405)
            #expect(delete.header("Allow") == "GET, HEAD")
            #expect(try curl.request(base + "/items/1").newConnections == 0)
        }
    }

    @Test("an 8 MiB body arrives whole")
    func large() async throws {
        try await withServer { server in
            let response = try CurlClient().request("http://127.0.0.1:\(server.port)/big.json")
            #expect(response.status == 200)
            #expect(response.body == ItemsResponder.big)
        }
    }
}
