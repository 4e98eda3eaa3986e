import ContentAPI
import Foundation
import HTTP1
import Testing

@Suite("Cross-references are links, and notes link back")
struct LinkTests {
    /// Every link (or array of links) in a record's `links`.
    static func links(_ record: [String: Any]) -> [String: [String]] {
        let links = record["links"] as? [String: Any] ?? [:]
        return links.mapValues { ($0 as? [String]) ?? [$0 as? String].compactMap { $0 } }
    }

    static func get(_ path: String) throws -> [String: Any] {
        let response = try API.request(path)
        #expect(response.status == .ok, "\(path)")
        return try API.json(response)
    }

    @Test("every link of every record in every list resolves")
    func everyLinkResolves() throws {
        let pages = [
            "/v1/agents?fields=id,links&limit=100", "/v1/glossary?fields=id,links&limit=100", "/v1/notes?limit=100",
            "/v1/references?limit=100", "/v1/sources?limit=100", "/v1/classes", "/v1/tissues", "/v1/comparisons",
        ]
        var targets = Set<String>()
        for page in pages {
            let items = try #require(try Self.get(page)["items"] as? [[String: Any]])
            #expect(!items.isEmpty, "\(page)")
            for item in items { targets.formUnion(Self.links(item).values.joined()) }
        }
        #expect(targets.count > 150)
        for target in targets.sorted() { _ = try Self.get(target) }
    }

    @Test("an agent links to its class, notes, sources, sections, glossary terms and tissues")
    func agentLinks() throws {
        let links = Self.links(try Self.get("/v1/agents/raloxifene"))
        #expect(links["class"] == ["/v1/classes/serm"])
        #expect(links["notes"]?.contains("/v1/notes/r5") == true)
        #expect(links["sources"]?.contains("/v1/sources/label-evista-2023") == true)
        #expect(
            links["sections"]?.contains("/v1/documents/serms-vs-traditional-hormone-therapies/sections/common-serms")
                == true)
        #expect(links["tissues"]?.contains("/v1/tissues/uterus") == true)
        #expect(links["glossaryTerms"]?.contains("/v1/glossary/bone-density") == true)
        #expect(links["references"] == nil, "raloxifene cites no reference: no empty array")
    }

    @Test("a note says what it qualifies, and each of those links back to it")
    func notesLinkBack() throws {
        let notes = try #require(try Self.get("/v1/notes?limit=100")["items"] as? [[String: Any]])
        for note in notes {
            let id = try #require(note["id"] as? String)
            #expect(note["claim"] == nil, "the fact check's ids are not served")
            let qualifies = try #require(note["qualifies"] as? [[String: Any]])
            #expect(!qualifies.isEmpty, "\(id) qualifies nothing")
            #expect(Self.links(note)["qualifies"]?.count == qualifies.count)
            for holder in qualifies {
                let path = try #require(Self.links(holder)["self"]?.first)
                #expect(Self.links(try Self.get(path))["notes"]?.contains("/v1/notes/\(id)") == true, "\(path) → \(id)")
            }
        }
    }

    @Test("an agent's embedded notes and sources are the ones its links name, in the same order")
    func includedMatchLinks() throws {
        let agent = try Self.get("/v1/agents/raloxifene?include=notes,sources")
        let included = try #require(agent["included"] as? [String: Any])
        for kind in ["notes", "sources"] {
            let embedded = (included[kind] as? [[String: Any]] ?? []).compactMap { Self.links($0)["self"]?.first }
            #expect(!embedded.isEmpty)
            #expect(embedded == Self.links(agent)[kind], "\(kind)")
        }
    }

    @Test("embedded class and tissues carry their links")
    func includedLinks() throws {
        let included = try #require(
            try Self.get("/v1/agents/tamoxifen?include=class,tissues")["included"] as? [String: Any])
        let agentClass = try #require(included["class"] as? [String: Any])
        #expect(Self.links(agentClass)["self"] == ["/v1/classes/serm"])
        let tissues = try #require(included["tissues"] as? [[String: Any]])
        #expect(!tissues.isEmpty)
        #expect(tissues.allSatisfy { Self.links($0)["agents"]?.contains("/v1/agents/tamoxifen") == true })
    }

    @Test("links carry the base path", arguments: ["/api"])
    func basePath(_ base: String) throws {
        var options = APIResponder.Options()
        options.basePath = base
        let responder = APIResponder(
            snapshot: try ContentSnapshot(library: API.library, basePath: base, openAPI: nil, loadedAt: 0),
            options: options)
        let note = try API.json(try API.request("\(base)/v1/notes/r5", responder: responder))
        #expect(Self.links(note)["qualifies"] == ["\(base)/v1/agents/raloxifene", "\(base)/v1/claims/r-5"])
    }
}

@Suite("Search covers references and editorial notes")
struct SearchKindsTests {
    @Test("a reference is found by an author's surname, and a note by its text")
    func referencesAndNotes() throws {
        let byAuthor = try API.json(try API.request("/v1/search?q=Fisher"))
        let first = try #require((byAuthor["items"] as? [[String: Any]])?.first)
        #expect(first["type"] as? String == "reference")
        #expect(first["id"] as? String == "fisher-p1")
        #expect((first["links"] as? [String: Any])?["self"] as? String == "/v1/references/fisher-p1")

        let notes = try API.json(try API.request("/v1/search?q=thromboembolism&type=note"))
        let hits = try #require(notes["items"] as? [[String: Any]])
        #expect(hits.contains { $0["id"] as? String == "r5" })
        #expect(hits.allSatisfy { $0["type"] as? String == "note" })
    }
}
