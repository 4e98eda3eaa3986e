import ContentModel
import Foundation
import Testing

@Suite("Record kinds are data, in step with the schemas the scripts read")
struct RecordKindTests {
    /// The collection files the schemas describe: every `schema/NAME.schema.json` but the shared and the
    /// per-document ones, as `scripts/lib/content-files.sh` lists them, less library.json (the metadata,
    /// not a kind of record).
    private var described: Set<String> {
        let folder = URL(fileURLWithPath: Bundled.directory).appendingPathComponent("schema").path
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
        return Set(
            names.filter { $0.hasSuffix(".schema.json") }.map { $0.replacing(".schema.json", with: ".json") }
                .filter { $0 != "common.json" && $0 != "document.json" && $0 != "library.json" })
    }

    @Test("every kind has its schema, and every collection schema is a kind")
    func inStep() {
        let kinds = Bundled.library.kinds
        #expect(Set(kinds.map(\.file)) == described)
        #expect(kinds.allSatisfy { described.contains($0.file) && $0.schema.hasSuffix(".schema.json") })
        #expect(Array(kinds.prefix(RecordKind.collections.count)) == RecordKind.collections)
    }

    @Test("types, nouns, files and paths are each unique")
    func unique() {
        for values in [\RecordKind.type, \.noun, \.file, \.path].map({ field in
            Bundled.library.kinds.map { $0[keyPath: field] }
        }) {
            #expect(Set(values).count == values.count, "\(values)")
        }
    }

    @Test("each kind's records are read from its file, in file order")
    func records() {
        let library = Bundled.library
        #expect(library.ids(.agent) == library.agents.map(\.id))
        #expect(library.ids(.note) == library.notes.map(\.id))
        #expect(library.records(.glossary).count == library.glossary.count)
        #expect(library.records(.source)["label-arimidex-dailymed"]?["kind"] == .string("label"))
        #expect(library.kind(named: "editorial note") == .note)
    }
}
