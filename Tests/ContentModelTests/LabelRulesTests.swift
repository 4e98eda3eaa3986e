import ContentModel
import Foundation
import Testing

/// The rules of label-grounded content: dosing has a basis, source claims carry a note, boxed warnings
/// belong to a product label at a date, every fact names a known source, brand names name one agent.
@Suite("The validator enforces the label rules")
struct LabelRulesTests {
    /// `schemaCanTell: false` for the rules a JSON Schema cannot express (see ContentValidationTests).
    private func problems(schemaCanTell: Bool = true, _ breakIt: (BrokenContent) throws -> Void) throws
        -> [ContentProblem]
    {
        let content = try BrokenContent()
        defer { content.remove() }
        try breakIt(content)
        return content.problems(schemaCanTell: schemaCanTell)
    }

    private func expectProblem(
        _ file: String, _ path: String, _ message: String, schemaCanTell: Bool = true,
        sourceLocation: SourceLocation = #_sourceLocation, _ breakIt: (BrokenContent) throws -> Void
    ) throws {
        let found = try problems(schemaCanTell: schemaCanTell, breakIt)
        #expect(
            found.contains(.init(file: file, path: path, message: message)), "got: \(found)",
            sourceLocation: sourceLocation)
    }

    /// Edits the first element of `key` in agent `agent` for which `where` holds.
    private func editFirst(
        _ content: BrokenContent, agent: Int, _ key: String, where matches: ([String: Any]) -> Bool = { _ in true },
        _ change: @escaping (inout [String: Any]) -> Void
    ) throws {
        try content.edit("agents.json") { object in
            editItem(&object, "agents", agent) { record in
                var items = record[key] as? [[String: Any]] ?? []
                guard let index = items.firstIndex(where: matches) else { return }
                change(&items[index])
                record[key] = items
            }
        }
    }

    private static func isSourceClaim(_ dose: [String: Any]) -> Bool { dose["basis"] as? String == "source-claim" }

    @Test("every dosing entry has a basis")
    func dosingBasis() throws {
        try expectProblem("agents.json", "$.agents[id=raloxifene].dosing[0]", "missing field 'basis'") {
            try editFirst($0, agent: 2, "dosing") { $0["basis"] = nil }
        }
        let message = "'advice' is not one of: label, source-claim"
        try expectProblem("agents.json", "$.agents[id=raloxifene].dosing[0].basis", message) {
            try editFirst($0, agent: 2, "dosing") { $0["basis"] = "advice" }
        }
    }

    @Test("a source-claim dose has an editorial note")
    func sourceClaimNote() throws {
        let found = try problems {
            try editFirst($0, agent: 3, "dosing", where: Self.isSourceClaim) { $0["notes"] = [String]() }
        }
        let message = "a source-claim dose needs an editorial note (it is never served as a dose to follow)"
        #expect(
            found.contains {
                $0.path.hasPrefix("$.agents[id=testosterone-cypionate].dosing[") && $0.message == message
            }, "got: \(found)")
    }

    @Test("a label dose names its indication and its label")
    func labelDose() throws {
        try expectProblem(
            "agents.json", "$.agents[id=raloxifene].dosing[0].indication", "a label dose names the indication it is for"
        ) {
            try editFirst($0, agent: 2, "dosing") { $0["indication"] = NSNull() }
        }
        try expectProblem(
            "agents.json", "$.agents[id=raloxifene].dosing[0].provenance",
            "a label dose names the label it is read from"
        ) {
            try editFirst($0, agent: 2, "dosing") {
                $0["provenance"] = [Any]()
                $0["notes"] = ["r5"]
            }
        }
    }

    @Test("a dose names uses of its own agent; a label dose only on-label ones; use ids are unique")
    func doseUses() throws {
        try expectProblem(
            "agents.json", "$.agents[id=raloxifene].dosing[0].uses[0]",
            "unknown use 'osteoporosis' of agent 'raloxifene'; one of: invasive-breast-cancer-risk-reduction, "
                + "postmenopausal-osteoporosis", schemaCanTell: false
        ) {
            try editFirst($0, agent: 2, "dosing") { $0["uses"] = ["osteoporosis"] }
        }
        try expectProblem(
            "agents.json", "$.agents[id=tamoxifen].dosing[0].uses[0]",
            "a label dose is for an on-label use: 'gynecomastia-men' is not", schemaCanTell: false
        ) {
            try editFirst($0, agent: 1, "dosing") { $0["uses"] = ["gynecomastia-men"] }
        }
        try expectProblem(
            "agents.json", "$.agents[id=raloxifene].uses[1].id",
            "duplicate id 'postmenopausal-osteoporosis' (first at $.agents[id=raloxifene].uses[0])",
            schemaCanTell: false
        ) {
            try editFirst($0, agent: 2, "uses", where: { $0["id"] as? String != "postmenopausal-osteoporosis" }) {
                $0["id"] = "postmenopausal-osteoporosis"
            }
        }
        try expectProblem("agents.json", "$.agents[id=raloxifene].dosing[0].uses", "needs at least 1 item") {
            try editFirst($0, agent: 2, "dosing") { $0["uses"] = [String]() }
        }
    }

    @Test(
        "a boxed warning has product, status, how the status is known and a date",
        arguments: ["product", "status", "statusBasis", "date"])
    func boxedWarningFields(field: String) throws {
        let found = try problems { try editFirst($0, agent: 2, "boxedWarnings") { $0[field] = nil } }
        #expect(
            found == [
                .init(
                    file: "agents.json", path: "$.agents[id=raloxifene].boxedWarnings[0]",
                    message: "missing field '\(field)'")
            ], "one problem, no cascade: \(found)")
    }

    @Test("a status that was inferred says so: Divigel's revised box, Prometrium's and Estring's removals")
    func statusBasis() throws {
        var inferred: [String] = []
        for case .array(let warnings)? in Bundled.library.records(.agent).values.map({ $0["boxedWarnings"] }) {
            for warning in warnings where warning["statusBasis"] == .string("inferred") {
                if case .string(let product)? = warning["product"] { inferred.append(product) }
            }
        }
        #expect(inferred.sorted() == ["Divigel gel", "Estring vaginal ring", "Prometrium capsules"])
        try expectProblem(
            "agents.json", "$.agents[id=raloxifene].boxedWarnings[0].statusBasis",
            "'seen' is not one of: stated, inferred"
        ) { try editFirst($0, agent: 2, "boxedWarnings") { $0["statusBasis"] = "seen" } }
    }

    @Test("a boxed warning's date and topics are checked")
    func boxedWarningDate() throws {
        let path = "$.agents[id=raloxifene].boxedWarnings[0]"
        try expectProblem("agents.json", path + ".date", "'Sept 2007' is not a date YYYY-MM-DD, YYYY-MM or YYYY") {
            try editFirst($0, agent: 2, "boxedWarnings") { $0["date"] = "Sept 2007" }
        }
        try expectProblem("agents.json", path + ".status", "'gone' is not one of: current, revised, removed") {
            try editFirst($0, agent: 2, "boxedWarnings") { $0["status"] = "gone" }
        }
        try expectProblem("agents.json", path + ".topics", "a boxed warning names its topics") {
            try editFirst($0, agent: 2, "boxedWarnings") { $0["topics"] = [String]() }
        }
        try expectProblem("agents.json", path + ".provenance", "a boxed warning names the label it is read from") {
            try editFirst($0, agent: 2, "boxedWarnings") {
                $0["provenance"] = [Any]()
                $0["notes"] = ["r5"]
            }
        }
    }

    @Test("every fact names an existing source, with a suggestion")
    func unknownSource() throws {
        let found = try problems(schemaCanTell: false) {
            try editFirst($0, agent: 2, "contraindications") { $0["provenance"] = [["source": "label-evista-2032"]] }
        }
        let problem = found.first { $0.path == "$.agents[id=raloxifene].contraindications[0].provenance[0].source" }
        #expect(
            problem?.message == "unknown source 'label-evista-2032' (did you mean 'label-evista-2023'?)",
            "got: \(found)")
    }

    @Test("the document names its section, and no other source has sections")
    func sections() throws {
        try expectProblem(
            "agents.json", "$.agents[id=raloxifene].mechanism.provenance[0]",
            "missing field 'section' (a document source names its section)", schemaCanTell: false
        ) {
            try $0.edit("agents.json") { object in
                editItem(&object, "agents", 2) { agent in
                    agent["mechanism"] = [
                        "text": "Binds estrogen receptors.",
                        "provenance": [["source": "serms-vs-traditional-hormone-therapies"]], "notes": [String](),
                    ]
                }
            }
        }
        try expectProblem(
            "agents.json", "$.agents[id=raloxifene].contraindications[0].provenance[0].section",
            "only a document source has sections ('label-evista-2023' is a label)", schemaCanTell: false
        ) {
            try editFirst($0, agent: 2, "contraindications") {
                $0["provenance"] = [["source": "label-evista-2023", "section": "common-serms"]]
            }
        }
    }

    @Test("a brand name names one agent")
    func uniqueBrandNames() throws {
        let found = try problems(schemaCanTell: false) { content in
            try content.edit("agents.json") { object in
                editItem(&object, "agents", 0) { agent in
                    var brands = agent["brandNames"] as? [[String: Any]] ?? []
                    brands.append([
                        "name": "evista", "status": "marketed", "combination": false,
                        "provenance": [["source": "ndc-clomid"]],
                        "notes": [String](),
                    ])
                    agent["brandNames"] = brands
                }
            }
        }
        #expect(
            found.contains {
                $0.path == "$.agents[id=raloxifene].brandNames[0].name"
                    && $0.message == "brand name 'Evista' is already a brand name of 'clomiphene-citrate'"
            }, "got: \(found)")
    }

    @Test("a product's brand is one of the agent's brand names")
    func productBrand() throws {
        try expectProblem(
            "agents.json", "$.agents[id=raloxifene].products[0].brand",
            "'Evistta' is not one of the agent's brand names: Evista", schemaCanTell: false
        ) {
            try editFirst($0, agent: 2, "products") { $0["brand"] = "Evistta" }
        }
    }

    @Test("not-applicable goes with receptor none, and only with it")
    func receptorAndEffect() throws {
        let message =
            "effect 'not-applicable' goes with receptor 'none', and only with it "
            + "(found effect 'antagonist', receptor 'none')"
        try expectProblem("agents.json", "$.agents[id=tamoxifen].tissueEffects[0]", message) {
            try editFirst($0, agent: 1, "tissueEffects") { $0["receptor"] = "none" }
        }
    }

    @Test("an identifier names a known source")
    func identifierSource() throws {
        let found = try problems {
            try editFirst($0, agent: 1, "identifiers") { $0["source"] = "IDENTIFIERS.md" }
        }
        #expect(
            found.contains {
                $0.path == "$.agents[id=tamoxifen].identifiers[0].source"
                    && $0.message.hasPrefix("unknown source 'IDENTIFIERS.md'")
            }, "got: \(found)")
    }

    @Test("sources: a label says where to read it; a reference source names a known reference; dates are dates")
    func sourceRecords() throws {
        func editSource(_ content: BrokenContent, _ id: String, _ change: @escaping (inout [String: Any]) -> Void)
            throws
        {
            try content.edit("sources.json") { object in
                var items = object["sources"] as? [[String: Any]] ?? []
                if let index = items.firstIndex(where: { $0["id"] as? String == id }) { change(&items[index]) }
                object["sources"] = items
            }
        }
        try expectProblem(
            "sources.json", "$.sources[id=label-evista-2023].urls", "a label source says where to read it"
        ) {
            try editSource($0, "label-evista-2023") { $0["urls"] = [String]() }
        }
        try expectProblem(
            "sources.json", "$.sources[id=label-evista-2023].date",
            "'2023-13-02' is not a date YYYY-MM-DD, YYYY-MM or YYYY"
        ) {
            try editSource($0, "label-evista-2023") { $0["date"] = "2023-13-02" }
        }
        let found = try problems(schemaCanTell: false) {
            try editSource($0, "fisher-p1") { $0["reference"] = "fisher-p2" }
        }
        #expect(
            found.contains {
                $0.path == "$.sources[id=fisher-p1].reference[0]"
                    && $0.message.hasPrefix("unknown reference 'fisher-p2' (did you mean 'fisher-p1'?)")
            }, "got: \(found)")
    }
}
