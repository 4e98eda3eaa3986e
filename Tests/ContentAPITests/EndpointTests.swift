import ContentAPI
import ContentModel
import Foundation
import HTTP1
import Testing

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
        #expect(try API.json(response)["id"] as? String == "clomiphene-citrate")
        #expect(response.body == (try API.request("/v1/agents/clomiphene-citrate")).body)
    }

    @Test("tissue view lists every agent's effect there")
    func tissue() throws {
        let effects = try #require(try API.json(try API.request("/v1/tissues/breast"))["effects"] as? [[String: Any]])
        let byAgent = Dictionary(
            uniqueKeysWithValues: effects.map { ($0["agent"] as? String ?? "", $0["effect"] as? String ?? "") })
        #expect(byAgent["tamoxifen"] == "antagonist")
        #expect(byAgent["raloxifene"] == "antagonist")
        #expect(byAgent["estradiol"] == "agonist")
    }

    @Test("compare puts agents side by side, null where a record says nothing")
    func compare() throws {
        let body = try API.json(try API.request("/v1/compare?agents=tamoxifen,Evista,anastrozole"))
        let rows = try #require(body["rows"] as? [[String: Any]])
        let uterus = try #require(rows.first { $0["id"] as? String == "tissue-uterus" })
        let values = try #require(uterus["values"] as? [String: Any])
        #expect((values["tamoxifen"] as? [String: Any])?["effect"] as? String == "agonist")
        #expect((values["tamoxifen"] as? [String: Any])?["receptor"] as? String == "estrogen-receptor")
        #expect((values["raloxifene"] as? [String: Any])?["effect"] as? String == "antagonist")
        #expect(values["anastrozole"] is NSNull)
        #expect(uterus["allPresent"] as? Bool == false)
        #expect(uterus["allSame"] as? Bool == false)
        let schedule = try #require(rows.first { $0["id"] as? String == "schedule" })
        #expect(schedule["allPresent"] as? Bool == true && schedule["allSame"] as? Bool == true)
        let bone = try #require(
            (try API.json(try API.request("/v1/compare?agents=tamoxifen,raloxifene"))["rows"] as? [[String: Any]])?
                .first { $0["id"] as? String == "tissue-uterus" })
        #expect(bone["allPresent"] as? Bool == true)
        #expect(bone["allSame"] as? Bool == false, "agonist and antagonist are not the same")
    }

    @Test("search explains each hit")
    func search() throws {
        let body = try API.json(try API.request("/v1/search?q=tamoxifin&type=agent"))
        let first = try #require((body["items"] as? [[String: Any]])?.first)
        #expect(first["id"] as? String == "tamoxifen")
        #expect(first["match"] as? String == "fuzzy")
        #expect(first["matched"] as? String == "Tamoxifen")
        #expect((first["links"] as? [String: String])?["self"] == "/v1/agents/tamoxifen")
        #expect(first["type"] as? String == "agent")
        #expect((first["snippet"] as? String)?.isEmpty == false)
        #expect(first["score"] is Double || first["score"] is Int)
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
            let object = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
            keys.insert("\(object["type"] ?? "")/\(object["id"] ?? "")")
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
        let hits = try #require(try API.json(try API.request("/v1/search?q=\(brand)"))["items"] as? [[String: Any]])
        #expect(hits.first?["id"] as? String == agent, "\(brand): \(hits.prefix(3))")
        #expect(hits.first?["match"] as? String == "alias")
        let other = agent == "raloxifene" ? "tamoxifen" : "raloxifene"
        let compared = try API.json(try API.request("/v1/compare?agents=\(brand),\(other)"))
        let agents = try #require(compared["agents"] as? [[String: Any]])
        #expect(agents.map { $0["id"] as? String } == [agent, other])
    }

    @Test("sources: every fact's provenance names one, and each links where it leads")
    func sources() throws {
        let library = API.library
        let page = try API.json(try API.request("/v1/sources?limit=100"))
        #expect(page["total"] as? Int == library.sources.count)
        let document = try API.json(try API.request("/v1/sources/serms-vs-traditional-hormone-therapies"))
        #expect(document["kind"] as? String == "document")
        #expect(
            (document["links"] as? [String: String])?["document"]
                == "/v1/documents/serms-vs-traditional-hormone-therapies")
        let label = try API.json(try API.request("/v1/sources/label-evista-2023"))
        #expect(label["kind"] as? String == "label")
        #expect((label["urls"] as? [String])?.isEmpty == false)
        #expect(label["document"] is NSNull && label["reference"] is NSNull)
        let labels = try API.json(try API.request("/v1/sources?kind=label&limit=100"))
        #expect((labels["items"] as? [[String: Any]])?.allSatisfy { $0["kind"] as? String == "label" } == true)
        let missing = try API.request("/v1/sources/label-evista-2032")
        #expect(missing.status == .notFound)
        #expect(try API.json(missing)["suggestions"] as? [String] == ["label-evista-2023"])
        let included = try API.json(try API.request("/v1/agents/raloxifene?include=sources"))
        let ids = ((included["included"] as? [String: Any])?["sources"] as? [[String: Any]])?.compactMap {
            $0["id"] as? String
        }
        #expect(ids?.contains("label-evista-2023") == true)
        #expect(ids?.contains("serms-vs-traditional-hormone-therapies") == true)
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
