import ContentAPI
import ContentModel
import Foundation
import HTTP1
import Testing

/// A page's counters.
private struct Paging: Decodable {
    let total: Int
    let limit: Int
    let offset: Int
}

private struct Term: Decodable { let term: String }

/// What `include=glossary,notes` embeds, counted.
private struct Including: Decodable {
    struct Included: Decodable {
        let glossary: [Linked]
        let notes: [Linked]
    }
    let included: Included
}

@Suite("HTTP semantics of the API")
struct HTTPSemanticsTests {
    @Test("If-None-Match with the ETag, with *, or weak, gives 304 without a body")
    func notModified() throws {
        let first = try API.request("/v1/agents/raloxifene")
        let tag = try #require(first.headers["ETag"])
        for value in [tag, "*", "W/\(tag)", "\"nope\", \(tag)"] {
            let again = try API.request("/v1/agents/raloxifene", headers: [("If-None-Match", value)])
            #expect(again.status == .notModified, "If-None-Match: \(value)")
            #expect(again.body.isEmpty)
            #expect(again.headers["ETag"] == tag)
        }
        let other = try API.request("/v1/agents/raloxifene", headers: [("If-None-Match", "\"0000000000000000\"")])
        #expect(other.status == .ok)
    }

    @Test(
        "a 304 says what its 200 says but of the body (RFC 9110 §15.4.5): caching, Vary, CORS, version",
        arguments: [
            ("/v1/agents/raloxifene", []), ("/v1/agents/raloxifene", [("Accept-Encoding", "gzip")]),
            ("/v1/agents?limit=2", [("Accept-Encoding", "gzip")]), ("/v1/agents/Raloxifene", []),
            ("/fhir/MedicationKnowledge/tamoxifen", []), ("/fhir/MedicationKnowledge?code=L02BA01", []),
            ("/openapi.yaml", [("Accept-Encoding", "gzip")]),
        ])
    func notModifiedHeaders(target: String, headers: [(String, String)]) throws {
        let first = try API.request(target, headers: headers)
        let tag = try #require(first.headers["ETag"])
        let again = try API.request(target, headers: headers + [("If-None-Match", tag)])
        #expect(again.status == .notModified)
        let body: Set = ["content-type", "content-encoding", "content-length", "x-request-id", "date"]
        func fields(_ response: HTTPResponse) -> [String] {
            response.headers.filter { !body.contains($0.name.lowercased()) }.map { "\($0.name): \($0.value)" }
        }
        #expect(fields(again) == fields(first))
        #expect(again.headers["X-Request-Id"] != nil)
    }

    @Test("If-Modified-Since at or after the last review gives 304; before gives 200")
    func modifiedSince() throws {
        let modified = try #require(try API.request("/v1/glossary").headers["Last-Modified"])
        let same = try API.request("/v1/glossary", headers: [("If-Modified-Since", modified)])
        #expect(same.status == .notModified)
        let earlier = try API.request("/v1/glossary", headers: [("If-Modified-Since", "Wed, 25 Nov 2026 23:59:59 GMT")])
        #expect(earlier.status == .ok)
        let tagWins = try API.request(
            "/v1/glossary", headers: [("If-None-Match", "\"x\""), ("If-Modified-Since", modified)])
        #expect(tagWins.status == .ok)
    }

    @Test(
        "gzip only when Accept-Encoding allows it",
        arguments: [
            ("gzip", true), ("gzip, deflate, br", true), ("deflate, gzip;q=0.5", true), ("*", true), ("x-gzip", true),
            ("gzip;q=0", false), ("identity", false), ("*;q=0", false), ("br", false), ("gzip;q=0, *", false),
        ])
    func gzip(acceptEncoding: String, gzipped: Bool) throws {
        let response = try API.request("/v1/glossary", headers: [("Accept-Encoding", acceptEncoding)])
        #expect((response.headers["Content-Encoding"] == "gzip") == gzipped)
        let identity = try API.request("/v1/glossary")
        if gzipped {
            #expect(try Gzip.decompress(response.body) == identity.body)
            #expect(response.headers["ETag"] != identity.headers["ETag"])
            #expect(response.body.count < identity.body.count)
        } else {
            #expect(response.body == identity.body)
        }
    }

    @Test("small bodies are not gzipped")
    func smallNotGzipped() throws {
        let response = try API.request("/v1/sources/label-evista-2023", headers: [("Accept-Encoding", "gzip")])
        #expect(response.body.count < 600)
        #expect(response.headers["Content-Encoding"] == nil)
    }

    @Test("HEAD has GET's headers")
    func head() throws {
        let get = try API.request("/v1/agents/estradiol", headers: [("Accept-Encoding", "gzip")])
        let head = try API.request("/v1/agents/estradiol", method: "HEAD", headers: [("Accept-Encoding", "gzip")])
        for name in ["ETag", "Content-Type", "Content-Encoding", "Cache-Control", "Last-Modified"] {
            #expect(head.headers[name] == get.headers[name], "\(name)")
        }
        #expect(head.body == get.body, "the server strips HEAD bodies; the responder answers alike")
    }

    @Test("other methods are 405 with Allow; unknown paths 404 with suggestions")
    func methodsAndPaths() throws {
        for method in ["POST", "PUT", "DELETE", "PATCH", "QUERY"] {
            let response = try API.request("/v1/agents", method: method)
            #expect(response.status == .methodNotAllowed)
            #expect(response.headers["Allow"] == "GET, HEAD, OPTIONS")
            #expect(response.headers["Content-Type"] == "application/problem+json")
        }
        let missing = try API.request("/v1/agent")
        #expect(missing.status == .notFound)
        #expect(try API.problem(missing).suggestions == ["/v1/agents"])
        let unknown = try API.request("/v1/glossary/hpg-axes")
        #expect(try API.problem(unknown).suggestions == ["hpg-axis"])
        #expect(try API.request("/v1/agents/").status == .notFound)
    }

    @Test(
        "an unknown record id is 404 naming the kind, with the closest ids",
        arguments: [
            ("/v1/comparisons/physiological-impact", "comparison", "physiological-impacts"),
            ("/v1/references/kelly-chaner", "reference", "kelly-channer"),
            ("/v1/notes/glossary-teasr", "editorial note", "glossary-teaser"),
            (
                "/v1/documents/serms-vs-traditional-hormone-therap", "document",
                "serms-vs-traditional-hormone-therapies"
            ),
        ])
    func unknownRecord(target: String, kind: String, closest: String) throws {
        let response = try API.request(target)
        #expect(response.status == .notFound)
        #expect(response.headers["Content-Type"] == "application/problem+json")
        let problem = try API.problem(response)
        #expect(problem.detail.contains(kind))
        #expect(problem.suggestions == [closest])
    }

    @Test(
        "bad parameters are 400 naming the parameter",
        arguments: [
            ("/v1/agents?limit=abc", "limit"), ("/v1/agents?limit=0", "limit"), ("/v1/agents?limit=101", "limit"),
            ("/v1/agents?offset=-1", "offset"), ("/v1/agents?class=hor.mone", "class"),
            ("/v1/agents?fields=name,colour", "fields"), ("/v1/agents?effect=blocks", "effect"),
            ("/v1/compare?agents=tamoxifen,Nolvadex", "agents"), ("/v1/compare?agents=tamoxifen", "agents"),
            ("/v1/compare?agents=tamoxifen,Nolvadex", "agents"), ("/v1/compare", "agents"), ("/v1/search", "q"),
            ("/v1/search?q=%20%20", "q"), ("/v1/search?q=x&type=drug", "type"), ("/v1/agents?sort=name", "sort"),
            ("/v1/agents?limit=1&limit=2", "limit"), ("/v1/agents/tamoxifen?include=everything", "include"),
            ("/v1/agents?pretty=yes", "pretty"), ("/v1/agents?pretty=", "pretty"), ("/v1/agents?pretty=1", "pretty"),
            ("/healthz?x=1", "x"), ("/v1/agents?q=%FF", "q"),
        ])
    func badParameter(target: String, parameter: String) throws {
        let response = try API.request(target)
        #expect(response.status == .badRequest, "\(target): \(response.text)")
        #expect(response.headers["Content-Type"] == "application/problem+json")
        // Typed: `allowed`, when present, must decode as an array of strings.
        let problem = try API.problem(response)
        #expect(problem.parameter == parameter)
        #expect(problem.status == 400)
        #expect(problem.type.hasPrefix("/problems/"))
        #expect(problem.detail.contains(parameter))
    }

    @Test("lists: total, limit, offset, and Link first/prev/next/last keeping other parameters")
    func pagination() throws {
        let response = try API.request("/v1/glossary?limit=10&offset=10&prefix=e")
        let body = try JSONDecoder().decode(Paging.self, from: Data(response.body))
        let total = body.total
        #expect(total == API.library.glossary.filter { $0.sourceTerm.hasPrefix("e") }.count)
        #expect(body.limit == 10)
        #expect(body.offset == 10)
        let link = try #require(response.headers["Link"])
        #expect(link.contains("</v1/glossary?limit=10&prefix=e>; rel=\"first\""))
        #expect(link.contains("</v1/glossary?limit=10&prefix=e>; rel=\"prev\""))
        #expect(!link.contains("rel=\"next\"") || total > 20)
        let terms = try API.decode(ServedItems<Term>.self, "/v1/glossary?limit=100").items.map(\.term)
        #expect(terms.count == 30)
        #expect(terms == terms.sorted { $0.lowercased() < $1.lowercased() })
    }

    @Test("fields picks top-level fields (id always); include embeds linked records")
    func fieldsAndInclude() throws {
        let picked = try API.json(try API.request("/v1/agents/tamoxifen?fields=name,boxedWarnings"))
        #expect(Set(picked.keys) == ["id", "name", "boxedWarnings"])
        let embedded = try API.decode(Including.self, "/v1/agents/tamoxifen?include=glossary,notes").included
        #expect(embedded.glossary.count == API.library.agentsByID["tamoxifen"]?.glossaryTerms.count)
        #expect(!embedded.notes.isEmpty)
        let list = try API.json(try API.request("/v1/agents?class=serm&fields=tissueEffects"))
        #expect((list["items"] as? [[String: Any]])?.allSatisfy { Set($0.keys) == ["id", "tissueEffects"] } == true)
    }

    @Test("filters: class, tissue with effect, q")
    func filters() throws {
        func ids(_ target: String) throws -> [String] {
            try API.decode(ServedItems<Linked>.self, target).items.compactMap(\.id)
        }
        #expect(try ids("/v1/agents?class=serm") == ["clomiphene-citrate", "tamoxifen", "raloxifene"])
        #expect(try ids("/v1/agents?tissue=uterus&effect=agonist") == ["tamoxifen", "progesterone", "estradiol"])
        #expect(try ids("/v1/agents?q=clomid") == ["clomiphene-citrate"])
    }

    @Test("pretty indents the same JSON")
    func pretty() throws {
        let compact = try API.request("/v1/classes/serm")
        let pretty = try API.request("/v1/classes/serm?pretty")
        #expect(pretty.text.contains("\n  \""))
        let a = try JSONSerialization.jsonObject(with: Data(compact.body)) as? NSDictionary
        let b = try JSONSerialization.jsonObject(with: Data(pretty.body)) as? NSDictionary
        #expect(a == b)
        #expect(try API.request("/v1/classes/serm?pretty=true").body == pretty.body)
        #expect(try API.request("/v1/classes/serm?pretty=false").body == compact.body)
        // `pretty` alone and `pretty=` are different requests, even right after each other (one cache).
        #expect(try API.request("/v1/classes/serm?pretty=").status == .badRequest)
    }

    @Test("X-Request-Id is echoed when sane, replaced otherwise")
    func requestID() throws {
        #expect(
            try API.request("/healthz", headers: [("X-Request-Id", "abc-123:x")]).headers["X-Request-Id"] == "abc-123:x"
        )
        let replaced = try API.request("/healthz", headers: [("X-Request-Id", "<script>")]).headers["X-Request-Id"]
        #expect(replaced != "<script>")
        // Generated: 15 lower-case hex digits, the process's 6 then a serial that grows.
        let first = try #require(try API.request("/healthz").headers["X-Request-Id"])
        let second = try #require(try API.request("/healthz").headers["X-Request-Id"])
        for id in [first, second, replaced ?? ""] {
            #expect(id.count == 15 && id.utf8.allSatisfy { $0.hexDigitValue != nil && !(0x41...0x46).contains($0) })
        }
        #expect(first.prefix(6) == second.prefix(6))
        #expect(try #require(UInt64(second.dropFirst(6), radix: 16)) > #require(UInt64(first.dropFirst(6), radix: 16)))
    }

    @Test("CORS preflight")
    func preflight() throws {
        let response = try API.request(
            "/v1/agents", method: "OPTIONS",
            headers: [("Origin", "https://example.org"), ("Access-Control-Request-Method", "GET")])
        #expect(response.status == .noContent)
        #expect(response.headers["Access-Control-Allow-Methods"] == "GET, HEAD, OPTIONS")
        #expect(response.headers["Access-Control-Allow-Origin"] == "*")
        #expect(response.headers["Access-Control-Max-Age"] == "86400")
    }

    @Test("/readyz is 503 while draining, on every event loop; /healthz stays 200")
    func readiness() throws {
        var options = APIResponder.Options()
        options.eventLoops = 2
        let responder = APIResponder(
            snapshot: try ContentSnapshot(library: API.library, openAPI: nil, loadedAt: 0), options: options)
        for loop in 0..<2 { #expect(try API.request("/readyz", responder: responder, loop: loop).status == .ok) }
        responder.beginDraining()
        for loop in 0..<2 {
            let draining = try API.request("/readyz", responder: responder, loop: loop)
            #expect(draining.status == .serviceUnavailable)
            #expect(draining.headers["Retry-After"] == "1")
            #expect(try API.request("/healthz", responder: responder, loop: loop).status == .ok)
        }
        let empty = APIResponder(snapshot: nil)
        #expect(try API.request("/readyz", responder: empty).status == .serviceUnavailable)
        #expect(try API.request("/v1/agents", responder: empty).status == .serviceUnavailable)
    }

    @Test("representations are byte-identical across instances (so every replica agrees on ETags)")
    func deterministic() throws {
        let other = APIResponder(snapshot: try ContentSnapshot(library: API.library, openAPI: API.spec, loadedAt: 99))
        for target in ["/v1/agents", "/v1/glossary?limit=5", "/v1/export", "/v1/search?q=bone"] {
            let a = try API.request(target)
            let b = try API.request(target, responder: other)
            #expect(a.body == b.body)
            #expect(a.headers["ETag"] == b.headers["ETag"])
        }
    }
}

@Suite("The precomputed path and the general path agree")
struct FastPathTests {
    @Test(
        "same status, headers and body with and without the shortcut",
        arguments: ["/v1/agents/tamoxifen", "/v1/glossary", "/", "/v1/export", "/openapi.yaml"])
    func agree(target: String) throws {
        for encoding in ["identity", "gzip"] {
            let fast = try API.request(target, headers: [("Accept-Encoding", encoding)])
            // A non-matching If-None-Match takes the general path and must change nothing.
            let general = try API.request(
                target, headers: [("Accept-Encoding", encoding), ("If-None-Match", "\"no-such-tag\"")])
            #expect(fast.status == general.status)
            #expect(fast.body == general.body)
            func comparable(_ response: HTTPResponse) -> [String: String] {
                var fields: [String: String] = [:]
                for field in response.headers where field.name != "X-Request-Id" { fields[field.name] = field.value }
                return fields
            }
            #expect(comparable(fast) == comparable(general), "\(target) \(encoding)")
        }
    }
}

@Suite("A repeated query is answered from its event loop's cache, unchanged")
struct RepeatedQueryTests {
    /// A responder on two event loops, each with its own target cache, as the server runs it.
    private func twoLoops(basePath: String = "") throws -> APIResponder {
        var options = APIResponder.Options()
        options.eventLoops = 2
        options.basePath = basePath
        return APIResponder(
            snapshot: try ContentSnapshot(
                library: API.library, basePath: basePath, openAPI: nil, loadedAt: 0, eventLoops: 2),
            options: options)
    }

    @Test(
        "the first answer (computed) equals the repeats on its loop and on the other loop",
        arguments: [
            "/v1/search?q=estrogen", "/v1/agents?limit=2&offset=1", "/v1/search?q=estrogen&pretty=true",
            "/v1/glossary?q=receptor",
        ])
    func agree(target: String) throws {
        for encoding in ["identity", "gzip"] {
            let responder = try twoLoops()  // fresh: the first answer is computed by the general path
            let accept = ("Accept-Encoding", encoding)
            let first = try API.request(target, headers: [accept], responder: responder, loop: 0)
            #expect(first.status == .ok)
            let repeats = try [0, 1, 1, 0].map { loop in
                try API.request(target, headers: [accept], responder: responder, loop: loop)
            }
            for answer in repeats {
                #expect(answer.status == first.status)
                #expect(answer.body == first.body)
                #expect(comparable(answer) == comparable(first), "\(target) \(encoding)")
            }
            let head = try API.request(target, method: "HEAD", headers: [accept], responder: responder, loop: 1)
            #expect(head.status == .ok)
            #expect(comparable(head) == comparable(first))
            // A conditional repeat with the tag it was given is 304 on either loop.
            let tag = try #require(first.headers["ETag"])
            for loop in 0..<2 {
                let revalidated = try API.request(
                    target, headers: [accept, ("If-None-Match", tag)], responder: responder, loop: loop)
                #expect(revalidated.status == .notModified)
            }
        }
    }

    @Test("under a base path: the prefixed target repeats unchanged; the bare one stays 404")
    func basePath() throws {
        let responder = try twoLoops(basePath: "/api")
        let first = try API.request("/api/v1/search?q=estrogen", responder: responder)
        #expect(first.status == .ok)
        #expect(first.text.contains(#""self":"/api/v1/search?q=estrogen""#))
        let again = try API.request("/api/v1/search?q=estrogen", responder: responder)
        #expect(again.body == first.body)
        for _ in 0..<2 { #expect(try API.request("/v1/search?q=estrogen", responder: responder).status == .notFound) }
    }

    @Test("a query that is refused is refused again: it is never kept")
    func refused() throws {
        let responder = try twoLoops()
        for _ in 0..<3 {
            #expect(try API.request("/v1/search?q=estrogen&nope=1", responder: responder).status == .badRequest)
            #expect(try API.request("/v1/agents?limit=0", responder: responder).status == .badRequest)
        }
    }

    @Test("a cached target keeps its route for the metrics")
    func route() throws {
        let responder = APIResponder(snapshot: try ContentSnapshot(library: API.library, openAPI: nil, loadedAt: 0))
        var parser = RequestParser()
        parser.append(Array("GET /v1/search?q=tamoxifen HTTP/1.1\r\nHost: a\r\n\r\n".utf8))
        let request = try #require(try parser.nextRequest())
        let context = ConnectionContext(remoteAddress: "127.0.0.1", receivedAt: 0)
        #expect(responder.respond(to: request, context: context).route == "/v1/search")
        #expect(responder.respond(to: request, context: context).route == "/v1/search")
    }

    private func comparable(_ response: HTTPResponse) -> [String: String] {
        var fields: [String: String] = [:]
        for field in response.headers where field.name != "X-Request-Id" { fields[field.name] = field.value }
        return fields
    }
}

@Suite("Metrics")
struct MetricsTests {
    @Test("requests are counted by route pattern, method and status, on both paths, over every event loop")
    func counted() throws {
        var options = APIResponder.Options()
        options.eventLoops = 2
        let responder = APIResponder(
            snapshot: try ContentSnapshot(library: API.library, openAPI: nil, loadedAt: 0), options: options)
        var asked = 0
        func ask(_ target: String, headers: [(String, String)] = []) throws {
            var parser = RequestParser()
            let head = headers.map { "\($0.0): \($0.1)\r\n" }.joined()
            parser.append(Array("GET \(target) HTTP/1.1\r\nHost: a\r\n\(head)\r\n".utf8))
            let request = try #require(try parser.nextRequest())
            let context = ConnectionContext(remoteAddress: "127.0.0.1", receivedAt: 0, loop: asked % 2)
            asked += 1
            let response = responder.respond(to: request, context: context)
            responder.didRespond(
                to: request, with: response, record: ResponseRecord(bytes: 100, duration: 0.001, context: context))
        }
        try ask("/v1/agents/tamoxifen")
        try ask("/v1/agents/raloxifene", headers: [("If-None-Match", "\"x\"")])
        try ask("/v1/agents/nope")
        try ask("/nowhere")
        let text = String(decoding: try API.request("/metrics", responder: responder).body, as: UTF8.self)
        #expect(text.contains(#"http_requests_total{route="/v1/agents/{id}",method="GET",status="200"} 2"#))
        #expect(text.contains(#"http_requests_total{route="/v1/agents/{id}",method="GET",status="404"} 1"#))
        #expect(text.contains(#"http_requests_total{route="unmatched",method="GET",status="404"} 1"#))
        #expect(text.contains("http_response_bytes_total 400"))
        // Recorded on loops 0, 1 and 0, added up: three durations of 1 ms, none within 0.5 ms, all within 1 ms.
        #expect(text.contains(#"http_request_duration_seconds_bucket{route="/v1/agents/{id}",le="0.001"} 3"#))
        #expect(text.contains(#"http_request_duration_seconds_count{route="/v1/agents/{id}"} 3"#))
        #expect(text.contains(#"http_request_duration_seconds_bucket{route="/v1/agents/{id}",le="0.0005"} 0"#))
    }
}

@Suite("Query text lengths are counted as the contract counts them")
struct QueryLengthTests {
    @Test("200 code points pass; a letter with 200 combining marks (one character, 201 code points) is refused")
    func codePoints() throws {
        let plain = String(repeating: "a", count: 200)
        #expect(try API.request("/v1/glossary?q=\(plain)").status == .ok)
        let marks = "a" + String(repeating: "%CC%81", count: 200)
        let response = try API.request("/v1/glossary?q=\(marks)")
        #expect(response.status == .badRequest)
        #expect(try API.problem(response).parameter == "q")
    }
}

@Suite("Answers to queries are kept per event loop, by canonical query and by request target")
struct QueryCacheTests {
    static func body(_ target: String, loop: Int, responder: APIResponder) throws -> [UInt8] {
        var parser = RequestParser()
        parser.append(Array("GET \(target) HTTP/1.1\r\nHost: test\r\n\r\n".utf8))
        let request = try #require(try parser.nextRequest())
        let context = ConnectionContext(remoteAddress: "127.0.0.1", receivedAt: 0, loop: loop)
        let response = responder.respond(to: request, context: context)
        #expect(response.status == .ok, "\(target)")
        return response.body
    }

    @Test(
        "every spelling of a query, on every loop, gets the same bytes; other queries never get them",
        arguments: [1024, 2, 1])
    func spellingsAndLoops(limit: Int) throws {
        var options = APIResponder.Options()
        options.eventLoops = 2
        options.dynamicCacheEntries = limit
        let responder = APIResponder(
            snapshot: try ContentSnapshot(library: API.library, openAPI: nil, loadedAt: 0, eventLoops: 2),
            options: options)
        let uncached = APIResponder(snapshot: try ContentSnapshot(library: API.library, openAPI: nil, loadedAt: 0))
        let spellings = [
            [
                "/v1/search?q=estrogen&type=agent", "/v1/search?type=agent&q=%65strogen",
                "/v1/search?q=estrogen&type=agent",
            ],
            ["/v1/search?q=tamoxifen", "/v1/search?q=tamoxife%6E", "/v1/search?q=tamoxifen"],
            ["/v1/agents?fields=id,name", "/v1/agents?fields=id%2Cname", "/v1/agents?fields=id&fields=name"],
        ]
        // Each group's first answer, computed on a responder that has seen nothing else.
        let expected = try spellings.map { try Self.body($0[0], loop: 0, responder: uncached) }
        #expect(Set(expected).count == spellings.count)
        for round in 0..<3 {
            for (group, targets) in spellings.enumerated() {
                for (index, target) in targets.enumerated() {
                    let loop = (round + index) % 2
                    #expect(try Self.body(target, loop: loop, responder: responder) == expected[group], "\(target)")
                }
            }
        }
    }
}
