import ContentAPI
import ContentModel
import Foundation
import HTTP1
import Testing

/// The served shapes these tests read, decoded as a client would.
private struct TissueView: Decodable {
    struct Effect: Decodable {
        let agent: String
        let effect: String
    }
    let effects: [Effect]
}

private struct Comparison: Decodable {
    struct Row: Decodable {
        /// A tissue row's value (an effect and its receptor); other rows' values (text, lists) read as neither.
        struct Value: Decodable, Equatable {
            let effect: String?
            let receptor: String?

            private enum Keys: String, CodingKey { case effect, receptor }

            init(from decoder: any Decoder) throws {
                let container = try? decoder.container(keyedBy: Keys.self)
                effect = try container?.decodeIfPresent(String.self, forKey: .effect)
                receptor = try container?.decodeIfPresent(String.self, forKey: .receptor)
            }
        }
        let id: String
        /// Null where the record says nothing; a value other than an effect decodes as neither field.
        let values: [String: Value?]
        let allPresent: Bool
        let allSame: Bool
    }
    let agents: [Linked]
    let rows: [Row]
}

private struct Hit: Decodable {
    let id: String
    let type: String
    let match: String
    let matched: String
    let snippet: String
    let score: Double
    let links: ServedLinks
}

private struct ExportLine: Decodable {
    let type: String
    let id: String
}

private struct SourceRecord: Decodable {
    let id: String
    let kind: String
    let urls: [String]?
    let document: String?
    let reference: String?
    let links: ServedLinks
    /// The keys the record has, null or not.
    let present: Set<String>

    private struct Key: CodingKey {
        let stringValue: String
        var intValue: Int? { nil }
        init(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }

    init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: Key.self)
        id = try container.decode(String.self, forKey: Key(stringValue: "id"))
        kind = try container.decode(String.self, forKey: Key(stringValue: "kind"))
        urls = try container.decodeIfPresent([String].self, forKey: Key(stringValue: "urls"))
        document = try container.decodeIfPresent(String.self, forKey: Key(stringValue: "document"))
        reference = try container.decodeIfPresent(String.self, forKey: Key(stringValue: "reference"))
        links = try container.decode(ServedLinks.self, forKey: Key(stringValue: "links"))
        present = Set(container.allKeys.map(\.stringValue))
    }
}

private struct IncludedSources: Decodable {
    struct Included: Decodable { let sources: [Linked] }
    let included: Included
}

@Suite("Every endpoint answers with JSON the model decodes")
struct EndpointTests {
    @Test(
        "200 with application/json and the common headers",
        arguments: [
            "/", "/v1/agents", "/v1/agents/tamoxifen", "/v1/classes", "/v1/classes/serm", "/v1/tissues",
            "/v1/tissues/bone", "/v1/comparisons", "/v1/comparisons/physiological-impacts",
            "/v1/compare?agents=tamoxifen,raloxifene", "/v1/glossary", "/v1/glossary/hpg-axis", "/v1/documents",
            "/v1/documents/serms-vs-traditional-hormone-therapies",
            "/v1/documents/serms-vs-traditional-hormone-therapies/sections/common-serms", "/v1/references",
            "/v1/references/fisher-p1", "/v1/notes", "/v1/notes/tc4", "/v1/sources", "/v1/sources/label-evista-2023",
            "/v1/sources?kind=label",
            "/v1/search?q=clomid", "/healthz", "/readyz",
        ])
    func ok(target: String) throws {
        let response = try API.request(target)
        #expect(response.status == .ok, "\(response.text)")
        #expect(response.headers["Content-Type"] == "application/json")
        #expect(response.headers["Vary"] == "Accept-Encoding")
        #expect(response.headers["X-Request-Id"]?.isEmpty == false)
        #expect(response.headers["Access-Control-Allow-Origin"] == "*")
        #expect(response.headers["X-Content-Version"] == API.library.version)
        #expect((try? JSONSerialization.jsonObject(with: Data(response.body))) != nil)
        if !target.hasSuffix("z") {
            #expect(response.headers["ETag"]?.hasPrefix("\"") == true)
            #expect(response.headers["Last-Modified"] == API.lastModified)
            #expect(response.headers["Cache-Control"] == "max-age=300")
        }
    }

    @Test("an agent is served as agents.json spells it, plus its links and the disclaimer")
    func agentIsTheRecord() throws {
        let served = try API.json(try API.request("/v1/agents/tamoxifen"))
        #expect(served["links"] != nil && served["disclaimer"] != nil)
        #expect(
            try API.fileRecord("agents.json", "agents", id: "tamoxifen")
                == API.dropping(["links", "disclaimer"], from: served))
    }

    @Test("glossary entries, references and comparisons are served as their files spell them, plus links")
    func recordsAreTheirFiles() throws {
        let records = [
            ("/v1/glossary/hpg-axis", "glossary.json", "entries", "hpg-axis"),
            ("/v1/references/vigen-2013", "references.json", "references", "vigen-2013"),
            ("/v1/comparisons/therapeutic-modalities", "comparisons.json", "comparisons", "therapeutic-modalities"),
        ]
        for (path, file, key, id) in records {
            let served = try API.json(try API.request(path))
            #expect(try API.fileRecord(file, key, id: id) == API.dropping(["links"], from: served), "\(path)")
        }
    }

    @Test("lookup by alias or brand name, case-insensitive, names the canonical URL")
    func alias() throws {
        let response = try API.request("/v1/agents/CLOMID")
        #expect(response.status == .ok)
        #expect(response.headers["Content-Location"] == "/v1/agents/clomiphene-citrate")
        #expect(try JSONDecoder().decode(Linked.self, from: Data(response.body)).id == "clomiphene-citrate")
        #expect(response.body == (try API.request("/v1/agents/clomiphene-citrate")).body)
    }

    @Test("tissue view lists every agent's effect there")
    func tissue() throws {
        let effects = try API.decode(TissueView.self, "/v1/tissues/breast").effects
        let byAgent = Dictionary(uniqueKeysWithValues: effects.map { ($0.agent, $0.effect) })
        #expect(byAgent["tamoxifen"] == "antagonist")
        #expect(byAgent["raloxifene"] == "antagonist")
        #expect(byAgent["estradiol"] == "agonist")
    }

    @Test("compare puts agents side by side, null where a record says nothing")
    func compare() throws {
        let rows = try API.decode(Comparison.self, "/v1/compare?agents=tamoxifen,Evista,anastrozole").rows
        let uterus = try #require(rows.first { $0.id == "tissue-uterus" })
        #expect(uterus.values["tamoxifen"]??.effect == "agonist")
        #expect(uterus.values["tamoxifen"]??.receptor == "estrogen-receptor")
        #expect(uterus.values["raloxifene"]??.effect == "antagonist")
        // Present and null (the record says nothing), not absent.
        #expect(uterus.values.keys.contains("anastrozole") && uterus.values["anastrozole"] == .some(nil))
        #expect(!uterus.allPresent && !uterus.allSame)
        let schedule = try #require(rows.first { $0.id == "schedule" })
        #expect(schedule.allPresent && schedule.allSame)
        let bone = try #require(
            try API.decode(Comparison.self, "/v1/compare?agents=tamoxifen,raloxifene").rows.first {
                $0.id == "tissue-uterus"
            })
        #expect(bone.allPresent)
        #expect(!bone.allSame, "agonist and antagonist are not the same")
    }

    @Test("search explains each hit")
    func search() throws {
        let first = try #require(try API.decode(ServedPage<Hit>.self, "/v1/search?q=tamoxifin&type=agent").items.first)
        #expect(first.id == "tamoxifen")
        #expect(first.match == "fuzzy")
        #expect(first.matched == "Tamoxifen")
        #expect(first.links["self"] == ["/v1/agents/tamoxifen"])
        #expect(first.type == "agent")
        #expect(!first.snippet.isEmpty)
        #expect(first.score > 0)
    }

    @Test("export: one JSON object per line, every record once")
    func export() throws {
        let response = try API.request("/v1/export")
        #expect(response.headers["Content-Type"] == "application/x-ndjson")
        let lines = response.text.split(separator: "\n")
        let library = API.library
        let records =
            library.agents.count + library.classes.count + library.tissues.count + library.comparisons.count
            + library.glossary.count + library.references.count + library.notes.count + library.documents.count
            + library.sources.count + library.kinds.filter(\.isGeneric).map { library.ids($0).count }.reduce(0, +)
        #expect(library.kinds.contains { $0.isGeneric })
        #expect(lines.count == records + 1)
        var keys = Set<String>()
        for line in lines {
            let object = try JSONDecoder().decode(ExportLine.self, from: Data(line.utf8))
            keys.insert("\(object.type)/\(object.id)")
        }
        #expect(keys.count == lines.count)
    }

    @Test(
        "every brand name resolves to its agent, and search ranks that agent first",
        arguments: [
            ("Nolvadex", "tamoxifen"), ("Soltamox", "tamoxifen"), ("Arimidex", "anastrozole"),
            ("Prometrium", "progesterone"), ("Estrace", "estradiol"), ("Azmiro", "testosterone-cypionate"),
            ("Depo-Testosterone", "testosterone-cypionate"), ("Evista", "raloxifene"), ("Clomid", "clomiphene-citrate"),
        ])
    func brandNames(brand: String, agent: String) throws {
        let response = try API.request("/v1/agents/\(brand.lowercased())")
        #expect(response.status == .ok, "\(brand): \(response.text)")
        #expect(response.headers["Content-Location"] == "/v1/agents/\(agent)")
        let hits = try API.decode(ServedPage<Hit>.self, "/v1/search?q=\(brand)").items
        #expect(hits.first?.id == agent, "\(brand): \(hits.prefix(3).map(\.id))")
        #expect(hits.first?.match == "alias")
        let other = agent == "raloxifene" ? "tamoxifen" : "raloxifene"
        let compared = try API.decode(Comparison.self, "/v1/compare?agents=\(brand),\(other)")
        #expect(compared.agents.map(\.id) == [agent, other])
    }

    @Test("sources: every fact's provenance names one, and each links where it leads")
    func sources() throws {
        let library = API.library
        #expect(try API.decode(ServedPage<SourceRecord>.self, "/v1/sources?limit=100").total == library.sources.count)
        let document = try API.decode(SourceRecord.self, "/v1/sources/serms-vs-traditional-hormone-therapies")
        #expect(document.kind == "document")
        #expect(document.links["document"] == ["/v1/documents/serms-vs-traditional-hormone-therapies"])
        let label = try API.decode(SourceRecord.self, "/v1/sources/label-evista-2023")
        #expect(label.kind == "label")
        #expect(label.urls?.isEmpty == false)
        // Present and null, not absent: a label is neither a document nor a reference.
        #expect(
            label.present.isSuperset(of: ["document", "reference"]) && label.document == nil && label.reference == nil)
        let labels = try API.decode(ServedPage<SourceRecord>.self, "/v1/sources?kind=label&limit=100").items
        #expect(!labels.isEmpty && labels.allSatisfy { $0.kind == "label" })
        let missing = try API.request("/v1/sources/label-evista-2032")
        #expect(missing.status == .notFound)
        #expect(try API.problem(missing).suggestions == ["label-evista-2023"])
        let ids = try API.decode(IncludedSources.self, "/v1/agents/raloxifene?include=sources").included.sources
            .compactMap(\.id)
        #expect(ids.contains("label-evista-2023"))
        #expect(ids.contains("serms-vs-traditional-hormone-therapies"))
    }

    @Test("no response names an internal file or a fact-check label")
    func noInternalNames() throws {
        let export = try API.request("/v1/export").text
        for name in ["LABELS.md", "FACTS.md", "IDENTIFIERS.md", "shared/", "fact check source", "[L-", "[S-"] {
            #expect(!export.contains(name), "the export mentions \(name)")
        }
    }

    @Test("/openapi.yaml is the spec")
    func spec() throws {
        let response = try API.request("/openapi.yaml")
        #expect(response.status == .ok)
        #expect(response.headers["Content-Type"] == "application/yaml")
        #expect(response.body == API.spec)
    }
}
