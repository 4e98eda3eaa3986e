import ContentModel
import Foundation
import Testing

/// A copy of the bundled content in a temporary directory, broken on purpose.
struct BrokenContent {
    let directory: URL

    init() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("content-\(UUID().uuidString)")
        try FileManager.default.copyItem(at: URL(fileURLWithPath: Bundled.directory), to: directory)
    }

    func remove() { try? FileManager.default.removeItem(at: directory) }

    /// Edits one JSON file as a Foundation object tree.
    func edit(_ file: String, _ change: (inout [String: Any]) -> Void) throws {
        let url = directory.appendingPathComponent(file)
        var object = try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as? [String: Any] ?? [:]
        change(&object)
        try JSONSerialization.data(withJSONObject: object).write(to: url)
    }

    func write(_ file: String, _ text: String) throws {
        try Data(text.utf8).write(to: directory.appendingPathComponent(file))
    }

    /// Every problem the loader reports; fails the test if the content loads.
    ///
    /// With `KEEP_BROKEN_CONTENT=DIR` in the environment, the broken copy is kept in `DIR` with the
    /// loader's problems in `problems.txt`, and named `schema-refuses-…` or `schema-cannot-tell-…`:
    /// `scripts/check-schemas-in-step` then checks that the JSON Schemas refuse exactly the first kind,
    /// so the schemas and the loader stay in step.
    func problems(schemaCanTell: Bool = true) -> [ContentProblem] {
        let problems: [ContentProblem]
        do {
            _ = try ContentLoader.load(directory: directory.path)
            Issue.record("the broken content loaded")
            problems = []
        } catch {
            problems = error.problems
        }
        if let keep = ProcessInfo.processInfo.environment["KEEP_BROKEN_CONTENT"] {
            let name = (schemaCanTell ? "schema-refuses-" : "schema-cannot-tell-") + UUID().uuidString
            let kept = URL(fileURLWithPath: keep).appendingPathComponent(name)
            try? FileManager.default.createDirectory(
                at: kept.deletingLastPathComponent(), withIntermediateDirectories: true)
            try? FileManager.default.copyItem(at: directory, to: kept)
            try? Data(problems.map(\.description).joined(separator: "\n").utf8)
                .write(to: kept.appendingPathComponent("problems.txt"))
        }
        return problems
    }
}

/// Edits element `index` of the array under `key`.
func editItem(_ object: inout [String: Any], _ key: String, _ index: Int, _ change: (inout [String: Any]) -> Void) {
    var items = object[key] as? [[String: Any]] ?? []
    change(&items[index])
    object[key] = items
}

@Suite("The validator names file, path and problem")
struct ContentValidationTests {
    typealias Case = (name: String, file: String, path: String, message: String)

    /// `schemaCanTell: false` for the rules a JSON Schema cannot express (ids in other files,
    /// uniqueness, rectangular tables, links both ways, unattached notes, duplicate keys).
    private func expectProblem(
        _ expected: ContentProblem, schemaCanTell: Bool = true, sourceLocation: SourceLocation = #_sourceLocation,
        _ breakIt: (BrokenContent) throws -> Void
    ) throws {
        let content = try BrokenContent()
        defer { content.remove() }
        try breakIt(content)
        let problems = content.problems(schemaCanTell: schemaCanTell)
        #expect(problems.contains(expected), "got: \(problems)", sourceLocation: sourceLocation)
    }

    private func editAgent(_ content: BrokenContent, _ index: Int, _ change: (inout [String: Any]) -> Void) throws {
        try content.edit("agents.json") { editItem(&$0, "agents", index, change) }
    }

    @Test("unknown field")
    func unknownField() throws {
        try expectProblem(.init(file: "agents.json", path: "$.agents[id=tamoxifen].dose", message: "unknown field")) {
            try editAgent($0, 1) { $0["dose"] = "10 mg" }
        }
    }

    @Test("missing field")
    func missingField() throws {
        try expectProblem(
            .init(file: "agents.json", path: "$.agents[id=raloxifene]", message: "missing field 'summary'")
        ) {
            try editAgent($0, 2) { $0["summary"] = nil }
        }
    }

    @Test("missing nullable field must be spelled null")
    func missingNullable() throws {
        let message = "missing field 'isomers' (use null when the source says nothing, [] when it says none)"
        try expectProblem(.init(file: "agents.json", path: "$.agents[id=tamoxifen]", message: message)) {
            try editAgent($0, 1) { $0["isomers"] = nil }
        }
    }

    @Test("wrong type")
    func wrongType() throws {
        try expectProblem(
            .init(
                file: "agents.json", path: "$.agents[id=clomiphene-citrate].aliases[0]",
                message: "expected a string, found number")
        ) {
            try editAgent($0, 0) { $0["aliases"] = [7] }
        }
    }

    @Test("id that is not a slug")
    func badSlug() throws {
        let message = "'Tamoxifen' is not a slug (lower-case letters, digits, single hyphens)"
        try expectProblem(.init(file: "agents.json", path: "$.agents[id=Tamoxifen].id", message: message)) {
            try editAgent($0, 1) { $0["id"] = "Tamoxifen" }
        }
    }

    @Test(
        "a name that would resolve to two agents is refused: an alias or name equal to another agent's id or brand",
        arguments: [
            (
                "alias", "tamoxifen", "$.agents[id=raloxifene].aliases[0]",
                "alias 'tamoxifen' already names agent 'tamoxifen' (its id)"
            ),
            (
                "alias", "NOLVADEX", "$.agents[id=raloxifene].aliases[0]",
                "alias 'NOLVADEX' already names agent 'tamoxifen' (its brand name)"
            ),
            (
                "name", "Anastrozole", "$.agents[id=raloxifene].name",
                "name 'Anastrozole' already names agent 'anastrozole' (its id)"
            ),
        ])
    func namesResolveOnce(field: String, value: String, path: String, message: String) throws {
        try expectProblem(.init(file: "agents.json", path: path, message: message), schemaCanTell: false) {
            try editAgent($0, 2) { agent in
                if field == "alias" { agent["aliases"] = [value] } else { agent[field] = value }
            }
        }
    }

    @Test("duplicate id")
    func duplicateID() throws {
        let message = "duplicate id 'tamoxifen' (first at $.agents[1])"
        try expectProblem(.init(file: "agents.json", path: "$.agents[2].id", message: message), schemaCanTell: false) {
            try editAgent($0, 2) { $0["id"] = "tamoxifen" }
        }
    }

    @Test("unknown enumeration value")
    func unknownEnum() throws {
        let message = "'partial' is not one of: agonist, partial-agonist, antagonist, mixed, neutral, not-applicable"
        let path = "$.agents[id=tamoxifen].tissueEffects[0].effect"
        try expectProblem(.init(file: "agents.json", path: path, message: message)) {
            try editAgent($0, 1) { agent in
                editItem(&agent, "tissueEffects", 0) { $0["effect"] = "partial" }
            }
        }
    }

    @Test("dangling agent → class, with a suggestion")
    func danglingClass() throws {
        let message =
            "unknown class 'serms' (did you mean 'serm'?); one of: androgen, aromatase-inhibitor, estrogen, "
            + "progestogen, serm"
        try expectProblem(
            .init(file: "agents.json", path: "$.agents[id=clomiphene-citrate].class", message: message),
            schemaCanTell: false
        ) {
            try editAgent($0, 0) { $0["class"] = "serms" }
        }
    }

    @Test("dangling agent → tissue")
    func danglingTissue() throws {
        let path = "$.agents[id=tamoxifen].tissueEffects[0].tissue"
        let message =
            "unknown tissue 'brest' (did you mean 'breast'?); one of: bone, breast, coagulation, hypothalamus, "
            + "liver-lipids, pituitary, prostate, thermoregulation, uterus, vagina"
        try expectProblem(.init(file: "agents.json", path: path, message: message), schemaCanTell: false) {
            try editAgent($0, 1) { agent in editItem(&agent, "tissueEffects", 0) { $0["tissue"] = "brest" } }
        }
    }

    @Test("dangling agent → glossary, with did-you-mean")
    func danglingGlossary() throws {
        let message = "unknown glossary term 'tamoxifin' (did you mean 'tamoxifen'?)"
        let path = "$.agents[id=tamoxifen].glossaryTerms[0]"
        try expectProblem(.init(file: "agents.json", path: path, message: message), schemaCanTell: false) {
            try editAgent($0, 1) { $0["glossaryTerms"] = ["tamoxifin"] }
        }
    }

    @Test("dangling agent → reference")
    func danglingReference() throws {
        let message =
            "unknown reference 'fisher'; one of: fisher-p1, kelly-channer, mcdonnell-norris, nieschlag-behre, "
            + "shabsigh-2010, vigen-2013"
        try expectProblem(
            .init(file: "agents.json", path: "$.agents[id=tamoxifen].references[0]", message: message),
            schemaCanTell: false
        ) {
            try editAgent($0, 1) { $0["references"] = ["fisher"] }
        }
    }

    @Test("dangling provenance → section")
    func danglingSection() throws {
        let message =
            "unknown section 'commonserms' of document 'serms-vs-traditional-hormone-therapies' "
            + "(did you mean 'common-serms'?); one of: "
        let content = try BrokenContent()
        defer { content.remove() }
        try content.edit("agents.json") { object in
            editItem(&object, "agents", 2) { agent in
                var mechanism = agent["mechanism"] as? [String: Any] ?? [:]
                mechanism["provenance"] = [
                    ["source": "serms-vs-traditional-hormone-therapies", "section": "commonserms"]
                ]
                agent["mechanism"] = mechanism
            }
        }
        let problems = content.problems(schemaCanTell: false)
        let problem = problems.first { $0.path == "$.agents[id=raloxifene].mechanism.provenance[0].section" }
        #expect(problem?.message.hasPrefix(message) == true, "got: \(problems)")
        #expect(problem?.message.contains("comparing-therapeutic-modalities, fundamentals-overview") == true)
    }

    @Test("dangling glossary → agent")
    func danglingGlossaryAgent() throws {
        let message =
            "unknown agent 'clomid'; one of: anastrozole, clomiphene-citrate, estradiol, progesterone, raloxifene, "
            + "tamoxifen, testosterone-cypionate"
        try expectProblem(
            .init(file: "glossary.json", path: "$.entries[id=endocrine-system].agents[0]", message: message),
            schemaCanTell: false
        ) {
            try $0.edit("glossary.json") { editItem(&$0, "entries", 0) { $0["agents"] = ["clomid"] } }
        }
    }

    @Test("dangling reference to an editorial note")
    func danglingNote() throws {
        try expectProblem(
            .init(
                file: "agents.json", path: "$.agents[id=clomiphene-citrate].notes[0]",
                message: "unknown editorial note 'zz9'"), schemaCanTell: false
        ) {
            try editAgent($0, 0) { $0["notes"] = ["zz9"] }
        }
    }

    @Test("near-duplicates link both ways")
    func asymmetricDuplicate() throws {
        let message = "'estrogen-receptor' does not link back to 'estrogen-receptors'"
        let path = "$.entries[id=estrogen-receptors].nearDuplicates"
        try expectProblem(.init(file: "glossary.json", path: path, message: message), schemaCanTell: false) {
            try $0.edit("glossary.json") { editItem(&$0, "entries", 10) { $0["nearDuplicates"] = [String]() } }
        }
    }

    @Test("ragged table")
    func raggedTable() throws {
        let message = "ragged row: cells are for [serms], columns are [serms, traditional]"
        let path = "$.comparisons[id=physiological-impacts].rows[id=bone-density].cells"
        try expectProblem(.init(file: "comparisons.json", path: path, message: message), schemaCanTell: false) {
            try $0.edit("comparisons.json") { object in
                editItem(&object, "comparisons", 1) { table in
                    editItem(&table, "rows", 3) { row in row["cells"] = Array((row["cells"] as? [Any] ?? []).prefix(1))
                    }
                }
            }
        }
    }

    @Test("empty text in a field that needs text")
    func emptyText() throws {
        let message = "empty text (this field needs text; it cannot be null)"
        let path = "$.entries[id=testosterone-replacement-therapy].definition"
        try expectProblem(.init(file: "glossary.json", path: path, message: message)) {
            try $0.edit("glossary.json") { editItem(&$0, "entries", 3) { $0["definition"] = "  " } }
        }
    }

    @Test("empty text in a field that may be null, and null in one that may not: one rule")
    func emptyOrNull() throws {
        let content = try BrokenContent()
        defer { content.remove() }
        try content.edit("agents.json") { object in
            editItem(&object, "agents", 1) { agent in
                editItem(&agent, "dosing", 0) { $0["frequency"] = "" }
                agent["summary"] = NSNull()
            }
        }
        let problems = content.problems()
        #expect(
            problems.contains(
                .init(
                    file: "agents.json", path: "$.agents[id=tamoxifen].dosing[0].frequency",
                    message: "empty text (use null when the source says nothing)")), "got: \(problems)")
        #expect(
            problems.contains(
                .init(
                    file: "agents.json", path: "$.agents[id=tamoxifen].summary",
                    message: "expected a string, found null")), "got: \(problems)")
    }

    @Test("leftover ∞ artifact")
    func infinityArtifact() throws {
        let message = "leftover '∞' artifact of the source (use ':' or '–')"
        try expectProblem(
            .init(file: "references.json", path: "$.references[id=nieschlag-behre].citedAs.title", message: message)
        ) {
            try $0.edit("references.json") { object in
                editItem(&object, "references", 1) { reference in
                    var cited = reference["citedAs"] as? [String: Any] ?? [:]
                    cited["title"] = "Testosterone ∞ Action"
                    reference["citedAs"] = cited
                }
            }
        }
    }

    @Test("control character")
    func controlCharacter() throws {
        try expectProblem(
            .init(file: "tissues.json", path: "$.tissues[id=breast].name", message: "control character in text")
        ) {
            try $0.edit("tissues.json") { editItem(&$0, "tissues", 0) { $0["name"] = "Bre\u{7}ast" } }
        }
    }

    @Test("a fact without provenance or a note")
    func untraceableFact() throws {
        let message = "a fact needs provenance (a source) or an editorial note giving its source"
        try expectProblem(.init(file: "agents.json", path: "$.agents[id=tamoxifen].risks[0]", message: message)) {
            try editAgent($0, 1) { agent in
                editItem(&agent, "risks", 0) {
                    $0["provenance"] = [Any]()
                    $0["notes"] = [String]()
                }
            }
        }
    }

    @Test("an editorial note attached to nothing")
    func unusedNote() throws {
        try expectProblem(
            .init(file: "notes.json", path: "$.notes[id=orphan]", message: "note 'orphan' is attached to nothing"),
            schemaCanTell: false
        ) {
            try $0.edit("notes.json") { object in
                var notes = object["notes"] as? [[String: Any]] ?? []
                notes.append(["id": "orphan", "claim": NSNull(), "verdict": "context", "text": "Attached to nothing."])
                object["notes"] = notes
            }
        }
    }

    @Test("a table block naming an unknown comparison")
    func unknownTable() throws {
        let file = "documents/serms-vs-traditional-hormone-therapies.json"
        try expectProblem(
            .init(
                file: file, path: "$.sections[id=comparing-therapeutic-modalities].blocks[1].comparison",
                message: "unknown comparison 'modalities'"), schemaCanTell: false
        ) {
            try $0.edit(file) { document in
                editItem(&document, "sections", 5) { section in
                    editItem(&section, "blocks", 1) { $0["comparison"] = "modalities" }
                }
            }
        }
    }

    @Test("last-reviewed date")
    func badDate() throws {
        try expectProblem(
            .init(file: "library.json", path: "$.lastReviewed", message: "'26/11/2026' is not a date YYYY-MM-DD")
        ) {
            try $0.edit("library.json") { $0["lastReviewed"] = "26/11/2026" }
        }
    }

    @Test("invalid JSON, with line and column")
    func invalidJSON() throws {
        let message =
            "invalid JSON at line 2, column 17: expected ',' or '}', found ']' (in the object that begins at line 1, "
            + "column 1)"
        try expectProblem(.init(file: "tissues.json", path: "$", message: message)) {
            try $0.write("tissues.json", "{\n  \"tissues\": [] ]\n}")
        }
    }

    @Test("duplicate JSON key")
    func duplicateKey() throws {
        let message =
            "invalid JSON at line 1, column 17: duplicate key 'tissues' (in the object that begins at line 1, column 1)"
        try expectProblem(.init(file: "tissues.json", path: "$", message: message), schemaCanTell: false) {
            try $0.write("tissues.json", #"{"tissues": [], "tissues": []}"#)
        }
    }

    @Test("missing file")
    func missingFile() throws {
        try expectProblem(.init(file: "notes.json", path: "$", message: "file is missing or unreadable")) {
            try FileManager.default.removeItem(at: $0.directory.appendingPathComponent("notes.json"))
        }
    }

    @Test("every problem is reported at once, and an unreadable file does not cascade")
    func allAtOnce() throws {
        let content = try BrokenContent()
        defer { content.remove() }
        try content.write("notes.json", "{")
        try content.edit("agents.json") { object in
            editItem(&object, "agents", 0) { $0["class"] = "nope" }
            editItem(&object, "agents", 3) { $0["summary"] = nil }
        }
        let problems = content.problems()
        #expect(problems.count == 4, "\(problems)")
        // The root cause first (notes.json is not JSON), the skipped checks it caused last.
        #expect(problems.map(\.file) == ["notes.json", "agents.json", "agents.json", "notes.json"])
        let skipped = "checks that need this file (references into it, unattached notes) were skipped"
        #expect(problems.last == .init(file: "notes.json", path: "$", message: skipped))
    }

    @Test("a syntax error in one file does not cascade: the error first, then the skip, nothing unattached")
    func noCascade() throws {
        let content = try BrokenContent()
        defer { content.remove() }
        try content.write("glossary.json", "{\n  \"entries\": [\n    {\"id\": \"a\"},\n  ]\n}\n")
        let problems = content.problems()
        let trailing =
            "invalid JSON at line 4, column 3: trailing comma: expected another value after ',', found ']' "
            + "(remove the last ',') (in the array that begins at line 2, column 14)"
        #expect(
            problems == [
                .init(file: "glossary.json", path: "$", message: trailing),
                .init(
                    file: "glossary.json", path: "$",
                    message: "checks that need this file (references into it, unattached notes) were skipped"),
            ])
    }

    @Test("a documents folder that is missing, or a file, says so")
    func unlistableDocuments() throws {
        for makeFile in [false, true] {
            let content = try BrokenContent()
            defer { content.remove() }
            let documents = content.directory.appendingPathComponent("documents")
            try FileManager.default.removeItem(at: documents)
            if makeFile { try Data().write(to: documents) }  // a file where the folder should be
            let messages = content.problems().filter { $0.file == "documents/" }.map(\.message)
            #expect(messages.contains(makeFile ? "a file, not a folder" : "the folder is missing"), "\(messages)")
            #expect(messages.count == 2, "and the checks that need it say they were skipped: \(messages)")
        }
    }

    @Test("a content directory that does not exist is one problem")
    func missingDirectory() {
        do {
            _ = try ContentLoader.load(directory: "/nonexistent/content")
            Issue.record("loaded")
        } catch {
            #expect(
                error.problems == [
                    .init(file: "/nonexistent/content", path: "$", message: "content directory not found")
                ])
        }
    }
}
