import ContentAPI
import ContentModel
import Foundation
import HTTP1
import Testing

/// What a client integrating the API relies on: one rule for case, lists given either way, search that
/// pages like every list, every bad value reported at once, CORS headers on every error.
@Suite("The contract integrators rely on")
struct ContractTests {
    @Test(
        "ids match case-insensitively, in paths and in filters", arguments: ["/v1/tissues/Breast", "/v1/classes/SERM"])
    func caseInsensitive(target: String) throws {
        let response = try API.request(target)
        #expect(response.status == .ok)
        #expect(response.headers["Content-Location"] == target.lowercased())
        #expect(try API.json(try API.request("/v1/agents?class=SERM"))["total"] as? Int == 3)
        #expect(try API.json(try API.request("/v1/agents?class=serms"))["total"] as? Int == 0)
    }

    @Test("a list parameter may be repeated, as generated clients send arrays")
    func repeatedLists() throws {
        let response = try API.request("/v1/agents/raloxifene?include=notes&include=glossary")
        #expect(response.status == .ok)
        let included = try #require(try API.json(response)["included"] as? [String: Any])
        #expect(Set(included.keys) == ["notes", "glossary"])
        #expect(try API.request("/v1/agents?limit=1&limit=2").status == .badRequest)
    }

    @Test("search pages like every list: the true total, offset, links and a Link header")
    func searchPaging() throws {
        let all = try API.json(try API.request("/v1/search?q=estrogen&limit=100"))
        let total = try #require(all["total"] as? Int)
        #expect((all["items"] as? [Any])?.count == total)
        #expect(total > 5)
        let page = try API.request("/v1/search?q=estrogen&limit=5&offset=5")
        let body = try API.json(page)
        #expect(body["total"] as? Int == total)
        #expect((body["items"] as? [Any])?.count == 5)
        #expect(body["query"] as? String == "estrogen")
        #expect(page.headers["Link"]?.contains("rel=\"prev\"") == true)
        let links = try #require(body["links"] as? [String: String])
        #expect(links["next"] == (total > 10 ? "/v1/search?limit=5&offset=10&q=estrogen" : nil))
    }

    @Test("past the last page, prev points at the last page")
    func pastTheEnd() throws {
        let body = try API.json(try API.request("/v1/agents?offset=999999"))
        let links = try #require(body["links"] as? [String: String])
        #expect(links["prev"] == "/v1/agents")
        #expect((body["items"] as? [Any])?.isEmpty == true)
    }

    @Test("compare reports every unknown agent, each with its suggestion")
    func compareAllUnknown() throws {
        let response = try API.request("/v1/compare?agents=tamoxifen,Nolvadexx,raloxifen")
        #expect(response.status == .notFound)
        #expect(try API.json(response)["parameter"] as? String == "agents")
        let detail = try #require(try API.json(response)["detail"] as? String)
        #expect(detail.contains("'Nolvadexx' (did you mean tamoxifen?)"), "\(detail)")
        #expect(detail.contains("'raloxifen' (did you mean raloxifene"), "\(detail)")
    }

    @Test("a request that cannot be parsed still gets CORS headers and a request id")
    func parseErrorsCarryCORS() {
        let response = API.responder.respond(
            to: .invalidTarget, context: ConnectionContext(remoteAddress: "127.0.0.1", receivedAt: 0))
        #expect(response.headers["Access-Control-Allow-Origin"] == "*")
        #expect(response.headers["X-Request-Id"]?.isEmpty == false)
        #expect(response.headers["Vary"] == "Accept-Encoding")
    }
}
