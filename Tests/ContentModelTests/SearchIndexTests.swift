import ContentModel
import Testing

@Suite("Search over the bundled content")
struct SearchIndexTests {
    let index = SearchIndex(library: Bundled.library)

    private func top(_ query: String, kinds: Set<SearchIndex.Kind> = Set(SearchIndex.Kind.allCases)) -> SearchIndex.Hit?
    {
        index.search(query, kinds: kinds, limit: 5).first
    }

    @Test(
        "finds clomiphene by brand, INN spelling and isomer, whatever the case, accents and width",
        arguments: [
            ("Clomid", SearchIndex.Match.alias, "Clomid"), ("clomifene", .alias, "clomifene"),
            ("enclomiphene", .alias, "Enclomiphene"), ("Clomiphene Citrate", .exact, "Clomiphene citrate"),
            ("CLOMIFÈNE", .alias, "clomifene"), ("clomife\u{300}ne", .alias, "clomifene"),
            ("ＣＬＯＭＩＦＥＮＥ", .alias, "clomifene"), ("Ｃｌｏｍｉｄ", .alias, "Clomid"),
        ])
    func clomiphene(query: String, match: SearchIndex.Match, matched: String) throws {
        let hit = try #require(top(query, kinds: [.agent]))
        #expect(hit.id == "clomiphene-citrate")
        #expect(hit.match == match)
        #expect(hit.matched == matched)
    }

    @Test("tolerates a typo: tamoxifin finds tamoxifen")
    func typo() throws {
        let hit = try #require(top("tamoxifin"))
        #expect(hit.id == "tamoxifen")
        #expect(hit.match == .fuzzy)
    }

    @Test("finds the HPG axis glossary entry from 'hypothalamic'")
    func hypothalamic() {
        let hits = index.search("hypothalamic", kinds: [.glossary])
        #expect(hits.map(\.id).contains("hpg-axis"))
        #expect(hits.first { $0.id == "hpg-axis" }?.match == .text)
    }

    @Test("prefixes match names")
    func prefix() throws {
        let hit = try #require(top("ralox"))
        #expect(hit.id == "raloxifene")
        #expect(hit.match == .prefix)
    }

    @Test("ranking: exact name above alias above prefix above fuzzy above text")
    func ranking() throws {
        let exact = try #require(top("tamoxifen", kinds: [.agent]))
        let alias = try #require(top("clomid", kinds: [.agent]))
        let prefix = try #require(top("tamox", kinds: [.agent]))
        let fuzzy = try #require(top("tamoxifin", kinds: [.agent]))
        let text = try #require(index.search("gynecomastia").first)
        #expect(exact.score > alias.score)
        #expect(alias.score > prefix.score)
        #expect(prefix.score > fuzzy.score)
        #expect(fuzzy.score > text.score)
        #expect(text.match == .text)
    }

    @Test("multi-word text queries need every word, and snippets show the match")
    func multiWord() throws {
        let hits = index.search("testicular shrinkage", kinds: [.section])
        #expect(!hits.isEmpty)
        for hit in hits {
            #expect(hit.snippet.lowercased().contains("testic") || hit.snippet.lowercased().contains("shrink"))
        }
        #expect(index.search("testicular zebra").isEmpty)
    }

    @Test("kinds filter and limit", arguments: [SearchIndex.Kind.agent, .glossary, .section])
    func kinds(kind: SearchIndex.Kind) {
        let hits = index.search("estrogen", kinds: [kind], limit: 3)
        #expect(!hits.isEmpty)
        #expect(hits.count <= 3)
        #expect(hits.allSatisfy { $0.kind == kind })
    }

    @Test("empty and punctuation-only queries find nothing", arguments: ["", "   ", "?!", "-"])
    func empty(query: String) {
        #expect(index.search(query).isEmpty)
    }

    @Test("results come in ranking order: score, then kind, then id", arguments: ["estrogen", "bone", "receptor"])
    func rankingOrder(query: String) {
        let hits = index.search(query, limit: 100)
        #expect(hits.count > 1)
        let ranked = hits.sorted { ($0.score, $1.kind.rawValue, $1.id) > ($1.score, $0.kind.rawValue, $0.id) }
        #expect(hits == ranked)
        #expect(SearchIndex(library: Bundled.library).search(query, limit: 100) == hits, "an index built again agrees")
    }

    @Test("an entry found by name and by its text is one hit, as its name's match, and counted once")
    func nameAndText() throws {
        let (hits, total) = index.page("tamoxifen", kinds: Set(index.kinds), offset: 0, limit: 1000)
        let tamoxifen = try #require(hits.first { $0.kind == .agent && $0.id == "tamoxifen" })
        #expect(tamoxifen.match == .exact)
        #expect(hits.contains { $0.match == .text }, "other entries match by text")
        #expect(Set(hits.map { "\($0.kind.rawValue)/\($0.id)" }).count == hits.count)
        #expect(total == hits.count)
        let agentsOnly = index.page("tamoxifen", kinds: [.agent], offset: 0, limit: 1000)
        #expect(agentsOnly.hits.allSatisfy { $0.kind == .agent })
        #expect(agentsOnly.total == hits.filter { $0.kind == .agent }.count)
    }
}
