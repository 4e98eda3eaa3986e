import ContentModel
import Foundation
import TestSupport
import Testing

/// The bundled content in Resources/, loaded once for all tests.
enum Bundled {
    static let directory = Repository.resources
    static let library = Repository.library

    static func agent(_ id: String) -> Agent {
        guard let agent = library.agentsByID[id] else { fatalError("no agent \(id)") }
        return agent
    }
}

@Suite("The bundled content")
struct BundledContentTests {
    let library = Bundled.library

    @Test("validates, with the collections the article calls for")
    func counts() {
        #expect(library.documents.count == 1)
        #expect(library.documents[0].sections.count == 14)
        #expect(library.agents.count == 7)
        #expect(library.glossary.count == 30)
        #expect(library.references.count == 6)
        #expect(library.comparisons.count == 2)
        #expect(library.version.count == 16)
        #expect(library.tissues.count == 10)
        #expect(library.metadata.lastReviewed == "2026-12-06")
    }

    @Test(
        "the seven agents, each with a class, uses and provenance",
        arguments: [
            "clomiphene-citrate", "tamoxifen", "raloxifene", "testosterone-cypionate", "anastrozole", "progesterone",
            "estradiol",
        ])
    func agentProvenance(id: String) {
        let agent = Bundled.agent(id)
        #expect(library.classesByID[agent.classID] != nil)
        #expect(!agent.uses.isEmpty)
        #expect(agent.mechanism.provenance.contains { $0.source == "serms-vs-traditional-hormone-therapies" })
        let labelled = agent.uses.filter { use in
            use.labelStatus == .onLabel && use.provenance.contains { library.sourcesByID[$0.source]?.kind == .label }
        }
        #expect(!labelled.isEmpty, "\(id) has a labelled indication read from a label")
        let labelDoses = agent.dosing.filter { $0.basis == .label }
        #expect(!labelDoses.isEmpty, "\(id) has its label dose")
        #expect(labelDoses.allSatisfy { $0.indication != nil && !$0.provenance.isEmpty })
        #expect(agent.dosing.filter { $0.basis == .sourceClaim }.allSatisfy { !$0.notes.isEmpty })
        #expect(!agent.contraindications.isEmpty, "\(id) lists its contraindications")
        for boxed in agent.boxedWarnings {
            #expect(!boxed.product.isEmpty && !boxed.topics.isEmpty && !boxed.provenance.isEmpty)
        }
    }

    @Test("label facts: testosterone is Schedule III, the others are not controlled")
    func schedules() {
        for agent in library.agents {
            #expect(
                agent.schedule.code == (agent.id == "testosterone-cypionate" ? .ciii : .notControlled), "\(agent.id)")
        }
    }

    @Test("boxed warnings: raloxifene's VTE box is current; Prometrium's old box was removed on 12 Feb 2026")
    func boxedWarnings() throws {
        let raloxifene = try #require(Bundled.agent("raloxifene").boxedWarnings.first)
        #expect(raloxifene.status == .current)
        #expect(raloxifene.topics.contains("venous-thromboembolism"))
        let prometrium = try #require(
            Bundled.agent("progesterone").boxedWarnings.first { $0.product.hasPrefix("Prometrium") })
        #expect(prometrium.status == .removed)
        #expect(prometrium.date == "2026-02-12")
        #expect(Bundled.agent("anastrozole").boxedWarnings == [])
        #expect(Bundled.agent("clomiphene-citrate").boxedWarnings == [])
    }

    @Test("the article's regimens are source claims, each with its note; label doses are labelled")
    func regimens() throws {
        let testosterone = Bundled.agent("testosterone-cypionate").dosing
        let claims = testosterone.filter { $0.basis == .sourceClaim }
        #expect(claims.count == 2)
        #expect(claims.allSatisfy { !$0.notes.isEmpty && $0.indication == nil })
        let label = try #require(testosterone.first { $0.basis == .label })
        #expect(label.dose?.min == 50 && label.dose?.max == 400 && label.dose?.unit == "mg")
        let anastrozole = try #require(Bundled.agent("anastrozole").dosing.first { $0.basis == .label })
        #expect(anastrozole.dose?.min == 1 && anastrozole.dose?.max == 1)
        #expect(Bundled.agent("anastrozole").dosing.contains { $0.basis == .sourceClaim && $0.notes.contains("a2") })
    }

    @Test("every brand name is known, once, with its status")
    func brands() {
        let brands = library.agents.flatMap { $0.brandNames.map(\.name) }
        #expect(Set(brands.map { $0.lowercased() }).count == brands.count)
        for name in ["Nolvadex", "Soltamox", "Arimidex", "Prometrium", "Estrace", "Azmiro", "Evista", "Clomid"] {
            #expect(brands.contains(name), "\(name)")
        }
        // AstraZeneca's Nolvadex: both strengths discontinued in Drugs@FDA (NDA 017970).
        let nolvadex = Bundled.agent("tamoxifen").brandNames.first { $0.name == "Nolvadex" }
        #expect(nolvadex?.status == .discontinued)
        #expect(nolvadex?.provenance.map(\.source) == ["drugsfda-nolvadex"])
        #expect(library.sourcesByID["drugsfda-nolvadex"]?.quality == .official)
    }

    @Test("every source named anywhere exists, and the article is a document source")
    func sources() {
        #expect(library.sourcesByID["serms-vs-traditional-hormone-therapies"]?.document == library.documents[0].id)
        let named = library.agents.flatMap { $0.identifiers.map(\.source) }
        #expect(named.allSatisfy { library.sourcesByID[$0] != nil })
        #expect(library.sources.filter { $0.kind == .reference }.count == library.references.count)
    }

    private func effects(_ id: String) -> [String: Effect] {
        Dictionary(uniqueKeysWithValues: Bundled.agent(id).tissueEffects.map { ($0.tissue, $0.effect) })
    }

    @Test("tamoxifen: antagonist in breast, agonist in bone and uterus")
    func tamoxifen() {
        let effects = effects("tamoxifen")
        #expect(effects["breast"] == .antagonist)
        #expect(effects["bone"] == .agonist)
        #expect(effects["uterus"] == .agonist)
    }

    @Test("raloxifene: agonist in bone, antagonist in breast and uterus")
    func raloxifene() {
        let effects = effects("raloxifene")
        #expect(effects["bone"] == .agonist)
        #expect(effects["breast"] == .antagonist)
        #expect(effects["uterus"] == .antagonist)
        #expect(Bundled.agent("raloxifene").boxedWarnings.isEmpty == false)
    }

    @Test("clomiphene: antagonist at hypothalamus and pituitary, with both isomers")
    func clomiphene() {
        let clomiphene = Bundled.agent("clomiphene-citrate")
        #expect(effects("clomiphene-citrate") == ["hypothalamus": .antagonist, "pituitary": .antagonist])
        #expect(clomiphene.isomers?.map(\.id).sorted() == ["enclomiphene", "zuclomiphene"])
        #expect(clomiphene.brandNames.map(\.name) == ["Clomid"])
        let maleUse = clomiphene.uses.first { $0.population.hasPrefix("men ") }
        #expect(maleUse?.labelStatus == .offLabel)
    }

    @Test("a concentration is never a dose: the article's 200 mg/mL is a concentration, with no dose")
    func testosteroneDosing() throws {
        let dosing = Bundled.agent("testosterone-cypionate").dosing
        let men = try #require(dosing.first { $0.basis == .sourceClaim && $0.concentration?.min == 200 })
        #expect(men.concentration?.max == 200)
        #expect(men.concentration?.unit == "mg/mL")
        #expect(men.dose == nil)
        #expect(!men.notes.isEmpty)
    }

    @Test("absent is not empty: an agent without isomers has null, a label without a box has []")
    func absentIsNotEmpty() {
        #expect(Bundled.agent("tamoxifen").isomers == nil)
        #expect(Bundled.agent("clomiphene-citrate").isomers?.isEmpty == false)
        #expect(Bundled.agent("anastrozole").boxedWarnings == [])
    }

    @Test("identifiers, each with its source and what it names")
    func identifiers() {
        let tamoxifen = Bundled.agent("tamoxifen").identifiers
        #expect(tamoxifen.filter(\.verified).map(\.code) == ["L02BA01", "094ZI81Y45", "7FRV7310N6", "10324"])
        #expect(tamoxifen.first { $0.code == "7FRV7310N6" }?.refersTo == "salt")
        #expect(tamoxifen.allSatisfy { library.sourcesByID[$0.source] != nil })
        let cypionate = Bundled.agent("testosterone-cypionate").identifiers
        #expect(cypionate.first { $0.code == "G03BA03" }?.refersTo == "parent")
        #expect(cypionate.first { $0.code == "M0XW1UBI14" }?.refersTo == "ester")
        let raloxifene = Bundled.agent("raloxifene").identifiers
        #expect(raloxifene.map(\.code) == ["G03XC01", "YX9162EO3I", "4F86W47BR6", "72143", "166551"])
        #expect(raloxifene.filter(\.verified).map(\.code) == ["G03XC01", "YX9162EO3I", "4F86W47BR6"])
        // A display is the code system's name, or null with a note saying why.
        for agent in library.agents {
            for identifier in agent.identifiers where identifier.display == nil {
                #expect(identifier.note?.contains("could not be read") == true, "\(agent.id) \(identifier.code)")
            }
            let atc = agent.identifiers.first { $0.system == "http://www.whocc.no/atc" }
            #expect(atc.map { $0.code.hasPrefix(agent.atcClass.code) } == true, "\(agent.id)")
        }
    }

    @Test("an ATC class that does not hold the agent's ATC code is a problem naming both")
    func atcClassMismatch() throws {
        let content = try BrokenContent()
        defer { content.remove() }
        try content.edit("agents.json") { object in
            editItem(&object, "agents", 1) { agent in
                agent["atcClass"] = ["code": "G03XC", "display": "x", "source": "who-atc-index-scrape"]
            }
        }
        let problems = content.problems(schemaCanTell: false).map(\.description)
        #expect(
            problems == [
                "agents.json: $.agents[id=tamoxifen].atcClass.code: 'G03XC' is not the ATC class of the agent's code "
                    + "'L02BA01' (its first five characters)"
            ], "\(problems)")
    }

    @Test("both tables are rectangular with the right rows")
    func tables() throws {
        let modalities = try #require(library.comparisonsByID["therapeutic-modalities"])
        let impacts = try #require(library.comparisonsByID["physiological-impacts"])
        #expect(modalities.rows.count == 5)
        #expect(impacts.rows.count == 6)
        for table in [modalities, impacts] {
            #expect(table.rows.allSatisfy { $0.cells.map(\.column) == table.columns.map(\.id) })
        }
    }

    @Test("30 glossary terms; the 4 teasers have our own definitions and say so")
    func glossary() {
        let editorial = library.glossary.filter { $0.definitionOrigin == "editorial" }.map(\.sourceTerm).sorted()
        #expect(
            editorial == [
                "directly elevate circulating testosterone", "estrogen receptor modulators",
                "estrogen receptor-positive breast cancer", "traditional hormone therapies",
            ])
        #expect(library.glossaryByID["hpg-axis"]?.term == "HPG axis")
        #expect(library.glossaryByID["estrogen-receptor"]?.nearDuplicates == ["estrogen-receptors"])
    }

    @Test("every reference has a verdict, and identifiers only where confirmed")
    func references() {
        #expect(library.references.allSatisfy { !$0.verdict.isEmpty && !$0.verdictNote.isEmpty })
        let verdicts = Dictionary(uniqueKeysWithValues: library.references.map { ($0.id, $0.verdict) })
        #expect(verdicts["vigen-2013"] == "exact")
        #expect(verdicts["nieschlag-behre"] == "minor-error")
        #expect(verdicts["kelly-channer"] == "unverified")
        #expect(library.referencesByID["mcdonnell-norris"]?.corrected?.pmid == "12040178")
        #expect(library.referencesByID["vigen-2013"]?.corrected?.doi == nil)
    }

    @Test("every questionable or partly-right claim the content carries has its note")
    func notes() {
        let claims = Set(library.notes.compactMap(\.claim))
        for claim in ["H12", "H14", "CL7", "CL11", "CL12", "T11", "R-5", "TC2", "TC4", "TC5", "A1", "A2", "A3", "A4"] {
            #expect(claims.contains(claim), "note for \(claim)")
        }
        #expect(!library.metadata.disclaimer.isEmpty)
    }

    @Test("no text carries the source's ∞ artifact or a decorative caption")
    func artifacts() throws {
        let texts = library.documents.flatMap { $0.sections.flatMap { $0.blocks.flatMap(\.texts) } }
        #expect(texts.allSatisfy { !$0.contains("∞") })
        #expect(
            texts.allSatisfy {
                !$0.lowercased().contains("symbolizes") && !$0.lowercased().contains("bioidentical hormone pellet")
            })
    }
}
