import ContentAPI
import Foundation
import HTTP1
import Testing

@Suite("Cross-references are links, and notes link back")
struct LinkTests {
    /// A note: what it qualifies, each with its links.
    private struct Note: Decodable {
        let id: String
        let claim: String?
        let qualifies: [Linked]
        let links: ServedLinks
    }

    /// An agent with what `include` embedded.
    private struct Including: Decodable {
        struct Included: Decodable {
            let notes: [Linked]?
            let sources: [Linked]?
            let `class`: Linked?
            let tissues: [Linked]?
        }
        let links: ServedLinks
        let included: Included
    }

    @Test("every link of every record in every list resolves")
    func everyLinkResolves() throws {
        let pages = [
            "/v1/agents?fields=id,links&limit=100", "/v1/glossary?fields=id,links&limit=100", "/v1/notes?limit=100",
            "/v1/references?limit=100", "/v1/sources?limit=100", "/v1/classes", "/v1/tissues", "/v1/comparisons",
        ]
        var targets = Set<String>()
        for page in pages {
            let items = try API.decode(ServedItems<Linked>.self, page).items
            #expect(!items.isEmpty, "\(page)")
            for item in items { targets.formUnion(item.links.relations.values.joined()) }
        }
        #expect(targets.count > 150)
        for target in targets.sorted() { #expect(try API.request(target).status == .ok, "\(target)") }
    }

    @Test("an agent links to its class, notes, sources, sections, glossary terms and tissues")
    func agentLinks() throws {
        let links = try API.decode(Linked.self, "/v1/agents/raloxifene").links
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
        for note in try API.decode(ServedPage<Note>.self, "/v1/notes?limit=100").items {
            #expect(note.claim == nil, "the fact check's ids are not served")
            #expect(!note.qualifies.isEmpty, "\(note.id) qualifies nothing")
            #expect(note.links["qualifies"]?.count == note.qualifies.count)
            for holder in note.qualifies {
                let path = try #require(holder.links["self"]?.first)
                let back = try API.decode(Linked.self, path).links["notes"]
                #expect(back?.contains("/v1/notes/\(note.id)") == true, "\(path) → \(note.id)")
            }
        }
    }

    @Test("an agent's embedded notes and sources are the ones its links name, in the same order")
    func includedMatchLinks() throws {
        let agent = try API.decode(Including.self, "/v1/agents/raloxifene?include=notes,sources")
        for (kind, embedded) in [("notes", agent.included.notes), ("sources", agent.included.sources)] {
            let paths = (embedded ?? []).compactMap { $0.links["self"]?.first }
            #expect(!paths.isEmpty)
            #expect(paths == agent.links[kind], "\(kind)")
        }
    }

    @Test("embedded class and tissues carry their links")
    func includedLinks() throws {
        let included = try API.decode(Including.self, "/v1/agents/tamoxifen?include=class,tissues").included
        #expect(included.class?.links["self"] == ["/v1/classes/serm"])
        let tissues = try #require(included.tissues)
        #expect(!tissues.isEmpty)
        #expect(tissues.allSatisfy { $0.links["agents"]?.contains("/v1/agents/tamoxifen") == true })
    }

    @Test("links carry the base path", arguments: ["/api"])
    func basePath(_ base: String) throws {
        var options = APIResponder.Options()
        options.basePath = base
        let responder = APIResponder(
            snapshot: try ContentSnapshot(library: API.library, basePath: base, openAPI: nil, loadedAt: 0),
            options: options)
        let note = try API.decode(Linked.self, "\(base)/v1/notes/r5", responder: responder)
        #expect(note.links["qualifies"] == ["\(base)/v1/agents/raloxifene", "\(base)/v1/claims/r-5"])
    }
}

@Suite("Search covers references and editorial notes")
struct SearchKindsTests {
    private struct Hit: Decodable {
        let type: String
        let id: String
        let links: ServedLinks
    }

    @Test("a reference is found by an author's surname, and a note by its text")
    func referencesAndNotes() throws {
        let first = try #require(try API.decode(ServedPage<Hit>.self, "/v1/search?q=Fisher").items.first)
        #expect(first.type == "reference")
        #expect(first.id == "fisher-p1")
        #expect(first.links["self"] == ["/v1/references/fisher-p1"])

        let hits = try API.decode(ServedPage<Hit>.self, "/v1/search?q=thromboembolism&type=note").items
        #expect(hits.contains { $0.id == "r5" })
        #expect(hits.allSatisfy { $0.type == "note" })
    }
}
