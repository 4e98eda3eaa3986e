import ContentAPI
import ContentModel
import Foundation
import TestSupport
import Testing

/// The served shapes these tests read, decoded as a client would.
private struct Page<Item: Decodable>: Decodable {
    let items: [Item]
    let total: Int
    let links: [String: String]
}

private struct Claim: Decodable {
    let id: String
    let label: String
    let verdict: String
    let note: String?
    let links: [String: Links]

    enum Links: Decodable, Equatable {
        case one(String), many([String])
        init(from decoder: any Decoder) throws {
            let container = try decoder.singleValueContainer()
            if let one = try? container.decode(String.self) {
                self = .one(one)
            } else {
                self = .many(try container.decode([String].self))
            }
        }
    }
}

private struct Trial: Decodable {
    let id: String
    let title: String
    let links: [String: Claim.Links]
}

private struct Index: Decodable {
    let links: [String: String]
}

private struct Hit: Decodable {
    let type: String
    let id: String
    let title: String
    let links: [String: String]
}

private struct Problem: Decodable {
    let status: Int
    let detail: String
    let suggestions: [String]?
}

private func decode<T: Decodable>(_ type: T.Type, _ target: String, responder: APIResponder = API.responder) throws -> T
{
    try JSONDecoder().decode(T.self, from: Data(try API.request(target, responder: responder).body))
}

@Suite("A declared kind is served like any other: the bundled claims, and a kind added as data")
struct DeclaredKindAPITests {
    @Test("claims: a page in file order, each record as its file spells it with links")
    func list() throws {
        let kind = try #require(API.library.kind(ofType: "claim"))
        let ids = API.library.ids(kind)
        let page = try decode(Page<Claim>.self, "/v1/claims?limit=100")
        #expect(page.total == ids.count && page.items.map(\.id) == ids)
        let first = try decode(Page<Claim>.self, "/v1/claims?limit=1")
        #expect(first.items.map(\.id) == [ids[0]])
        #expect(first.links["next"] == (ids.count > 1 ? "/v1/claims?limit=1&offset=1" : nil))
        for claim in page.items {
            #expect(claim.links["self"] == .one("/v1/claims/\(claim.id)"))
            #expect(claim.links["notes"] == claim.note.map { .many(["/v1/notes/\($0)"]) })
            #expect(claim.verdict == "ok" || claim.note != nil, "\(claim.id): a verdict but ok has a note")
        }
    }

    @Test("one claim: the file's record plus links; an unknown id is a 404 naming the closest")
    func detail() throws {
        let kind = try #require(API.library.kind(ofType: "claim"))
        let id = try #require(API.library.ids(kind).last)
        let served = try API.json(try API.request("/v1/claims/\(id)"))
        #expect(API.dropping(["links"], from: served) == (try API.fileRecord("claims.json", "claims", id: id)))
        let problem = try decode(Problem.self, "/v1/claims/\(id)x")
        #expect(problem.status == 404 && problem.detail.hasPrefix("No claim '\(id)x'."))
        #expect(problem.suggestions?.first == id)
    }

    @Test("search finds a claim by its label, typed and linked")
    func search() throws {
        let hits = try decode(Page<Hit>.self, "/v1/search?q=H4&type=claim")
        #expect(
            hits.items.first.map { [$0.type, $0.id, $0.title, $0.links["self"] ?? ""] } == [
                "claim", "h4", "H4", "/v1/claims/h4",
            ])
    }

    @Test("a schema and a file make a new kind: list, detail, links, root, export and search, no code")
    func added() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("trials-\(UUID().uuidString)")
        try FileManager.default.copyItem(at: URL(fileURLWithPath: Repository.resources), to: directory)
        defer { try? FileManager.default.removeItem(at: directory) }
        try Data(TrialKind.schema().utf8).write(to: directory.appendingPathComponent("schema/trials.schema.json"))
        try Data(try TrialKind.file().utf8).write(to: directory.appendingPathComponent("trials.json"))
        let library = try ContentLoader.load(directory: directory.path)
        let responder = APIResponder(snapshot: try ContentSnapshot(library: library, openAPI: nil, loadedAt: 0))

        let page = try decode(Page<Trial>.self, "/v1/trials", responder: responder)
        #expect(page.total == 2 && page.items.map(\.id) == ["p1", "star"])
        let star = try decode(Trial.self, "/v1/trials/star", responder: responder)
        #expect(star.title == "Study of Tamoxifen and Raloxifene")
        #expect(star.links["agents"] == .many(["/v1/agents/tamoxifen", "/v1/agents/raloxifene"]))
        #expect(star.links["self"] == .one("/v1/trials/star"))
        let root = try decode(Index.self, "/", responder: responder)
        #expect(root.links["trials"] == "/v1/trials")
        let export = try API.request("/v1/export", responder: responder).text
        #expect(
            export.split(separator: "\n").filter { $0.hasPrefix(#"{"type":"trial","id":"#) }.count
                == 2)
        let hits = try decode(Page<Hit>.self, "/v1/search?q=prevention&type=trial", responder: responder)
        #expect(hits.items.map(\.id) == ["p1"])
        #expect(try API.request("/v1/trials", responder: API.responder).status.code == 404)
    }
}
