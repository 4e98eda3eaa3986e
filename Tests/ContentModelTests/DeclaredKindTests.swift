import ContentModel
import Foundation
import JSON
import TestSupport
import Testing

/// A copy of the bundled content with `TrialKind` added, its records changed by `change`.
enum DeclaredKind {
    static func content(
        declaring declaration: String = TrialKind.declaration, _ change: (inout [[String: Any]]) -> Void = { _ in }
    ) throws -> BrokenContent {
        let content = try BrokenContent()
        try content.write("schema/trials.schema.json", TrialKind.schema(declaring: declaration))
        try content.write("trials.json", try TrialKind.file(change))
        return content
    }
}

@Suite("A kind of record declared by its schema, with no code of its own")
struct DeclaredKindTests {
    @Test("the bundled claims are a declared kind: file, key, path and relations from the schema")
    func claims() throws {
        let library = Bundled.library
        let claims = try #require(library.kind(ofType: "claim"))
        #expect(claims.isGeneric && claims.file == "claims.json" && claims.key == "claims")
        #expect(claims.path == "/v1/claims" && claims.schema == "claims.schema.json")
        #expect(claims.relations.map(\.field) == ["agent", "note"])
        #expect(claims.declaration?.titleField == "label")
        #expect(library.ids(claims).count == library.records(claims).count)
        #expect(!RecordKind.collections.contains(claims))
    }

    @Test("each claim's verdict is its note's, and only a claim found right as stated has no note")
    func verdicts() throws {
        let library = Bundled.library
        let claims = try #require(library.kind(ofType: "claim"))
        let records = library.records(claims)
        #expect(records.count == 80, "the fact check's 80 claims")
        for (id, claim) in records {
            let verdict = claim["verdict"]?.stringValue
            guard let noteID = claim["note"]?.stringValue else {
                #expect(verdict == "ok", "\(id) has no note but the verdict \(verdict ?? "none")")
                continue
            }
            let note = try #require(library.notesByID[noteID])
            #expect(note.verdict == verdict, "\(id): claim \(verdict ?? "none"), note \(note.verdict)")
            #expect(note.claim == claim["label"]?.stringValue, "\(id): note \(noteID) is about \(note.claim ?? "none")")
        }
        // And every note about a claim is that claim's note.
        let noted = Set(records.values.compactMap { $0["note"]?.stringValue })
        #expect(library.notes.filter { $0.claim != nil }.allSatisfy { noted.contains($0.id) })
    }

    @Test("a schema and a file add a kind: loaded, validated and its records read in file order")
    func added() throws {
        let content = try DeclaredKind.content()
        defer { content.remove() }
        let library = try ContentLoader.load(directory: content.directory.path)
        let trial = try #require(library.kind(ofType: "trial"))
        #expect(trial.path == "/v1/trials" && trial.noun == "trial" && trial.key == "trials")
        #expect(library.ids(trial) == ["p1", "star"])
        #expect(library.records(trial)["star"]?["agents"] == .array([.string("tamoxifen"), .string("raloxifene")]))
        #expect(library.summary.contains("2 trials"))
        let hits = SearchIndex(library: library).search("prevention trial", kinds: [.init(rawValue: "trial")])
        #expect(hits.first?.id == "p1" && hits.first?.title == "Breast Cancer Prevention Trial")
    }

    @Test("its records are checked: ids unique, relations and provenance resolve")
    func checked() throws {
        let content = try DeclaredKind.content { records in
            records[1]["id"] = "p1"
            records[1]["agents"] = ["tamoxifen", "raloxifen"]
            records[0]["provenance"] = [["source": "label-evista-2032"]]
        }
        defer { content.remove() }
        let problems = content.problems(schemaCanTell: false).map(\.description)
        #expect(problems.contains("trials.json: $.trials[1].id: duplicate id 'p1' (first at $.trials[0])"))
        #expect(
            problems.contains {
                $0.contains("trials.json: $.trials[1].agents[1]")
                    && $0.contains("unknown agent 'raloxifen' (did you mean 'raloxifene'?)")
            })
        #expect(
            problems.contains(
                "trials.json: $.trials[0].provenance[0].source: unknown source 'label-evista-2032' (did you mean "
                    + "'label-evista-2023'?)"))
        #expect(problems.count == 3, "\(problems)")
    }

    @Test("its file is checked against its schema like any other")
    func schema() throws {
        let content = try DeclaredKind.content { records in records[0]["title"] = 7 }
        defer { content.remove() }
        let problems = content.problems().map(\.description)
        #expect(problems.contains { $0.hasPrefix("trials.json: $.trials[id=p1].title") }, "\(problems)")
    }

    @Test(
        "a declaration that cannot make a kind is a problem naming the schema and the field",
        arguments: [
            (#"{"type": "claim", "noun": "trial"}"#, "$['x-record-kind'].type", "the type 'claim' is already taken"),
            (#"{"type": "section", "noun": "trial"}"#, "$['x-record-kind'].type", "already taken"),
            (#"{"type": "Trial", "noun": "trial"}"#, "$['x-record-kind'].type", "a slug"),
            (#"{"type": "trial"}"#, "$['x-record-kind'].noun", "noun is text"),
            (#"{"type": "trial", "noun": "trial", "text": "title"}"#, "$['x-record-kind'].text", "a list"),
            (
                #"{"type": "trial", "noun": "trial", "refers": {"agents": "drug"}}"#,
                "$['x-record-kind'].refers.agents", "unknown kind 'drug'"
            ),
        ])
    func declaration(declaration: String, path: String, message: String) throws {
        let content = try DeclaredKind.content(declaring: declaration)
        defer { content.remove() }
        let problems = content.problems(schemaCanTell: false)
        #expect(
            problems.contains {
                $0.file == "schema/trials.schema.json" && $0.path == path && $0.message.contains(message)
            },
            "\(problems)")
    }
}
