import ContentAPI
import ContentModel
import Foundation
import SocketServer
import TestSupport
import Testing

/// The real server with the real API on port 0, driven by libcurl.
enum LiveAPI {
    /// The server's loops, which the responder and the snapshot keep state for: one each.
    static let loops = ServerConfiguration().eventLoopCount

    static let snapshot: ContentSnapshot = {
        do {
            return try ContentSnapshot(
                library: Repository.library, openAPI: Repository.openAPI, loadedAt: 0, eventLoops: loops)
        } catch {
            fatalError("the bundled content does not render: \(error)")
        }
    }()

    static func withServer<T>(_ body: (String) async throws -> T) async throws -> T {
        var options = APIResponder.Options()
        options.eventLoops = loops
        return try await serving(APIResponder(snapshot: snapshot, options: options)) { server in
            try await body("http://127.0.0.1:\(server.port)")
        }
    }
}

@Suite("The API through libcurl")
struct APIOverCurlTests {
    static let endpoints = [
        "/", "/v1/agents", "/v1/agents/tamoxifen", "/v1/agents/Clomid", "/v1/classes", "/v1/classes/serm",
        "/v1/tissues", "/v1/tissues/bone", "/v1/comparisons", "/v1/comparisons/therapeutic-modalities",
        "/v1/compare?agents=clomid,tamoxifen", "/v1/glossary?limit=5", "/v1/glossary/hpg-axis", "/v1/documents",
        "/v1/documents/serms-vs-traditional-hormone-therapies",
        "/v1/documents/serms-vs-traditional-hormone-therapies/sections/academic-overview", "/v1/references",
        "/v1/references/mcdonnell-norris", "/v1/notes?limit=3", "/v1/notes/a2", "/v1/search?q=hypothalamic",
        "/v1/export", "/openapi.yaml", "/healthz", "/readyz",
    ]

    @Test("every endpoint on one reused connection: 200, headers, gzip decoded, then 304 with its ETag")
    func everyEndpoint() async throws {
        try await LiveAPI.withServer { base in
            let curl = CurlClient()
            var connections = 0
            for path in Self.endpoints {
                let plain = try curl.request(base + path)
                #expect(plain.status == 200, "\(path)")
                #expect(plain.header("Content-Length") == "\(plain.body.count)", "\(path)")
                #expect(plain.header("Date") != nil)
                #expect(plain.header("Vary") == "Accept-Encoding")
                #expect(plain.header("X-Request-Id") != nil)
                let gzipped = try curl.request(base + path, decodeContent: true)
                #expect(gzipped.body == plain.body, "\(path): gzip decodes to the identity bytes")
                if let tag = plain.header("ETag") {
                    let again = try curl.request(base + path, headers: ["If-None-Match: \(tag)"])
                    #expect(again.status == 304, "\(path)")
                    #expect(again.body.isEmpty)
                }
                connections += plain.newConnections + gzipped.newConnections
            }
            #expect(connections == 1, "keep-alive: one TCP connection for every request")
        }
    }

    @Test("big representations really are sent gzip-encoded when asked")
    func gzipOnTheWire() async throws {
        try await LiveAPI.withServer { base in
            let raw = try CurlClient().request(base + "/v1/export", headers: ["Accept-Encoding: gzip"])
            #expect(raw.header("Content-Encoding") == "gzip")
            let decoded = try Gzip.decompress(raw.body)
            let plain = try CurlClient().request(base + "/v1/export")
            #expect(decoded == plain.body)
            #expect(raw.body.count * 3 < plain.body.count)
        }
    }

    @Test("records arrive whole over the wire")
    func records() async throws {
        try await LiveAPI.withServer { base in
            let curl = CurlClient()
            func object(_ path: String) throws -> [String: Any] {
                try #require(
                    try JSONSerialization.jsonObject(with: Data(curl.request(base + path).body)) as? [String: Any])
            }
            let effects = try object("/v1/agents/raloxifene")["tissueEffects"] as? [[String: Any]]
            #expect(effects?.first { $0["tissue"] as? String == "bone" }?["effect"] as? String == "agonist")
            #expect(try object("/v1/glossary/negative-feedback")["term"] as? String == "Negative feedback")
            let sections = try object("/v1/documents/serms-vs-traditional-hormone-therapies")["sections"] as? [Any]
            #expect(sections?.count == 14)
        }
    }

    @Test("errors are problem+json over the wire too")
    func errors() async throws {
        try await LiveAPI.withServer { base in
            let curl = CurlClient()
            let missing = try curl.request(base + "/v1/agents/tamoxifin")
            #expect(missing.status == 404)
            #expect(missing.header("Content-Type") == "application/problem+json")
            let bad = try curl.request(base + "/v1/agents?limit=0")
            #expect(bad.status == 400)
            let method = try curl.request(base + "/v1/agents", method: "DELETE")
            #expect(method.status == 405)
            #expect(method.header("Allow") == "GET, HEAD, OPTIONS")
        }
    }
}
