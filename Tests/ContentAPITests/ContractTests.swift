import AccessLogging
import ContentAPI
import ContentModel
import Foundation
import HTTP1
import Synchronization
import Testing

/// What a client integrating the API relies on: one rule for case, lists given either way, search that
/// pages like every list, every bad value reported at once, CORS headers on every error.
/// What `include` embedded, by kind.
private struct Including: Decodable {
    let included: [String: [Linked]]
}

/// A page of search hits, with the query it answers.
private struct SearchPage: Decodable {
    let items: [Linked]
    let total: Int
    let query: String
    let links: [String: String]
}

@Suite("The contract integrators rely on")
struct ContractTests {
    @Test(
        "ids match case-insensitively, in paths and in filters", arguments: ["/v1/tissues/Breast", "/v1/classes/SERM"])
    func caseInsensitive(target: String) throws {
        let response = try API.request(target)
        #expect(response.status == .ok)
        #expect(response.headers["Content-Location"] == target.lowercased())
        #expect(try API.decode(ServedPage<Linked>.self, "/v1/agents?class=SERM").total == 3)
    }

    @Test("a filter naming no record is a 404 with every id and the closest, not an empty page")
    func unknownFilter() throws {
        let mistyped = try API.request("/v1/agents?class=serms")
        #expect(mistyped.status == .notFound)
        let problem = try JSONDecoder().decode(UnknownID.self, from: Data(mistyped.body))
        #expect(problem.parameter == "class" && problem.suggestions == ["serm"])
        #expect(problem.allowed == API.library.classes.map(\.id).sorted())
        #expect(problem.detail == "Query parameter 'class' names no record: 'serms'. Did you mean 'serm'?")
        let tissue = try JSONDecoder().decode(
            UnknownID.self, from: Data(try API.request("/v1/agents?tissue=bones").body))
        #expect(tissue.parameter == "tissue" && tissue.suggestions == ["bone"])
    }

    @Test("a list parameter may be repeated, as generated clients send arrays")
    func repeatedLists() throws {
        let response = try API.request("/v1/agents/raloxifene?include=notes&include=glossary")
        #expect(response.status == .ok)
        let included = try JSONDecoder().decode(Including.self, from: Data(response.body)).included
        #expect(Set(included.keys) == ["notes", "glossary"])
        #expect(try API.request("/v1/agents?limit=1&limit=2").status == .badRequest)
    }

    @Test("search pages like every list: the true total, offset, links and a Link header")
    func searchPaging() throws {
        let all = try API.decode(SearchPage.self, "/v1/search?q=estrogen&limit=100")
        let total = all.total
        #expect(all.items.count == total)
        #expect(total > 5)
        let page = try API.request("/v1/search?q=estrogen&limit=5&offset=5")
        let body = try JSONDecoder().decode(SearchPage.self, from: Data(page.body))
        #expect(body.total == total)
        #expect(body.items.count == 5)
        #expect(body.query == "estrogen")
        #expect(page.headers["Link"]?.contains("rel=\"prev\"") == true)
        #expect(body.links["next"] == (total > 10 ? "/v1/search?limit=5&offset=10&q=estrogen" : nil))
    }

    @Test("past the last page, prev points at the last page")
    func pastTheEnd() throws {
        let body = try API.decode(ServedPage<Linked>.self, "/v1/agents?offset=999999")
        #expect(body.links["prev"] == ["/v1/agents"])
        #expect(body.items.isEmpty)
    }

    @Test("compare reports every unknown agent, each with its suggestion")
    func compareAllUnknown() throws {
        let response = try API.request("/v1/compare?agents=tamoxifen,Nolvadexx,raloxifen")
        #expect(response.status == .notFound)
        let problem = try API.problem(response)
        #expect(problem.parameter == "agents")
        #expect(
            problem.unknown == [
                .init(value: "Nolvadexx", suggestions: ["tamoxifen"]),
                .init(value: "raloxifen", suggestions: problem.unknown?.last?.suggestions ?? []),
            ])
        #expect(problem.unknown?.last?.suggestions.first == "raloxifene")
        let detail = problem.detail
        #expect(detail.contains("'Nolvadexx' (did you mean tamoxifen?)"), "\(detail)")
        #expect(detail.contains("'raloxifen' (did you mean raloxifene"), "\(detail)")
    }

    @Test("a malformed escape in the query is a 400 naming the parameter", arguments: ["q=100%", "q=%zz", "q=%C3"])
    func malformedQueryEscape(query: String) throws {
        let response = try API.request("/v1/search?\(query)", headers: [("Origin", "https://example.org")])
        #expect(response.status == .badRequest)
        let problem = try API.problem(response)
        #expect(problem.parameter == "q")
        #expect(problem.detail.contains("'q'"))
        #expect(response.headers["Access-Control-Allow-Origin"] == "*")
    }

    @Test("an unknown method is a 501 with the headers every response carries, on any path")
    func unknownMethod() throws {
        for path in ["/v1/agents", "/nowhere"] {
            let response = try API.request(path, method: "FOO", headers: [("X-Request-Id", "abc-1")])
            #expect(response.status == .notImplemented)
            #expect(response.headers["X-Request-Id"] == "abc-1")
            #expect(response.headers["Vary"] == "Accept-Encoding")
            #expect(response.headers["Access-Control-Allow-Origin"] == "*")
            #expect(response.headers["Content-Type"] == "application/problem+json")
            #expect(try API.problem(response).detail.contains("'FOO'"))
        }
    }

    @Test(
        "the access log carries the request id and the trace id of a valid traceparent",
        arguments: [
            ("00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01", "4bf92f3577b34da6a3ce929d0e0e4736"),
            ("01-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01-future", "4bf92f3577b34da6a3ce929d0e0e4736"),
            ("00-00000000000000000000000000000000-00f067aa0ba902b7-01", nil),
            ("00-4BF92F3577B34DA6A3CE929D0E0E4736-00f067aa0ba902b7-01", nil),
            ("ff-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01", nil),
            ("00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01-x", nil),
            ("00-4bf92f3577b34da6a3ce929d0e0e4736", nil),
        ] as [(String, String?)])
    func traceContext(traceparent: String, traceID: String?) throws {
        let records = RecordingLogger()
        let responder = APIResponder(snapshot: API.responder.snapshot, accessLog: records)
        let request = try #require(
            try Self.parsed("/v1/agents", headers: [("traceparent", traceparent), ("X-Request-Id", "edge-42")]))
        let context = ConnectionContext(remoteAddress: "10.0.0.1", receivedAt: 0)
        let response = responder.respond(to: request, context: context)
        responder.didRespond(
            to: request, with: response, record: ResponseRecord(bytes: 1, duration: 0, context: context))
        let record = try #require(records.records.withLock { $0.first })
        #expect(record.requestID == "edge-42")
        #expect(record.traceID == traceID)
    }

    static func parsed(_ target: String, headers: [(String, String)]) throws -> HTTPRequest? {
        var parser = RequestParser()
        let head = headers.map { "\($0.0): \($0.1)\r\n" }.joined()
        parser.append(Array("GET \(target) HTTP/1.1\r\nHost: test\r\n\(head)\r\n".utf8))
        return try parser.nextRequest()
    }

    @Test("a request that cannot be parsed still gets CORS headers and a request id")
    func parseErrorsCarryCORS() {
        let response = API.wire(
            API.responder.respond(
                to: .invalidTarget, context: ConnectionContext(remoteAddress: "127.0.0.1", receivedAt: 0)))
        #expect(response.headers["Access-Control-Allow-Origin"] == "*")
        #expect(response.headers["X-Request-Id"]?.isEmpty == false)
        #expect(response.headers["Vary"] == "Accept-Encoding")
    }
}

/// An access logger that keeps what it is given.
final class RecordingLogger: AccessLogger {
    let records = Mutex<[AccessRecord]>([])
    func log(_ record: AccessRecord, loop: Int) { records.withLock { $0.append(record) } }
    func tick(loop: Int) {}
}

/// A 400 for a filter naming no record, as a client reads it.
private struct UnknownID: Decodable {
    let parameter: String
    let detail: String
    let allowed: [String]
    let suggestions: [String]
}
