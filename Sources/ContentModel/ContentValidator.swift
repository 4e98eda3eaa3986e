/// Checks what the structure alone cannot: ids are slugs and unique, every cross-reference resolves
/// (agent ↔ class ↔ tissue ↔ glossary ↔ section ↔ reference ↔ note), tables are rectangular, every fact
/// is traceable, and enumerated fields hold known values.
struct ContentValidator {
    let library: Library
    let documentFiles: [String: String]
    /// Files that could not be read at all: references into them are not reported again.
    let unreadable: Set<String>
    let collector = Collector()

    init(library: Library, documentFiles: [String: String], unreadable: Set<String> = []) {
        self.library = library
        self.documentFiles = documentFiles
        self.unreadable = unreadable
    }

    /// The file each kind of cross-reference points into.
    private static let fileOfKind = [
        "editorial note": "notes.json", "glossary term": "glossary.json", "agent": "agents.json",
        "reference": "references.json", "class": "classes.json", "tissue": "tissues.json",
        "comparison": "comparisons.json",
    ]

    func targetUnreadable(_ kind: String) -> Bool { Self.fileOfKind[kind].map(unreadable.contains) ?? false }

    final class Collector {
        var problems: [ContentProblem] = []
        var usedNotes: Set<String> = []
    }

    func problems() -> [ContentProblem] {
        checkMetadata()
        checkDocuments()
        checkAgents()
        checkTaxonomy()
        checkComparisons()
        checkGlossary()
        checkReferences()
        checkNotes()
        return collector.problems
    }

    // MARK: Helpers

    func report(_ file: String, _ path: String, _ message: String) {
        collector.problems.append(ContentProblem(file: file, path: path, message: message))
    }

    static func isSlug(_ id: String) -> Bool {
        guard !id.isEmpty, id.count <= 64, id.first != "-", id.last != "-", !id.contains("--") else { return false }
        return id.unicodeScalars.allSatisfy { ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "-" }
    }

    /// Every id a slug, none repeated.
    func checkIDs(_ ids: [String], file: String, path: (Int) -> String) {
        var seen: [String: Int] = [:]
        for (index, id) in ids.enumerated() {
            if !Self.isSlug(id) {
                report(file, path(index) + ".id", "'\(id)' is not a slug (lower-case letters, digits, single hyphens)")
            }
            if let first = seen[id] {
                report(file, path(index) + ".id", "duplicate id '\(id)' (first at \(path(first)))")
            } else {
                seen[id] = index
            }
        }
    }

    func checkRefs(_ ids: [String], in known: [String: some Any], kind: String, file: String, path: String) {
        if targetUnreadable(kind) { return }
        for (index, id) in ids.enumerated() where known[id] == nil {
            report(file, "\(path)[\(index)]", "unknown \(kind) '\(id)'\(suggestion(id, Array(known.keys)))")
        }
    }

    func checkNotes(_ ids: [String], file: String, path: String) {
        collector.usedNotes.formUnion(ids)
        checkRefs(ids, in: library.notesByID, kind: "editorial note", file: file, path: "\(path).notes")
    }

    func checkProvenance(_ provenance: [Provenance], file: String, path: String) {
        for (index, source) in provenance.enumerated() {
            guard let document = library.documentsByID[source.document] else {
                report(file, "\(path).provenance[\(index)].document", "unknown document '\(source.document)'")
                continue
            }
            if !document.sections.contains(where: { $0.id == source.section }) {
                report(
                    file, "\(path).provenance[\(index)].section",
                    "unknown section '\(source.section)' of document '\(source.document)'"
                        + suggestion(source.section, document.sections.map(\.id)))
            }
        }
    }

    /// A fact is traceable: it names the sections it comes from, or notes that say where it comes from.
    func checkFact(_ fact: Fact, file: String, path: String) {
        checkProvenance(fact.provenance, file: file, path: path)
        checkNotes(fact.notes, file: file, path: path)
        if fact.provenance.isEmpty && fact.notes.isEmpty {
            report(file, path, "a fact needs provenance (document section) or an editorial note giving its source")
        }
    }

    func checkAllowed(_ value: String, _ allowed: [String], file: String, path: String) {
        if !allowed.contains(value) {
            report(file, path, "'\(value)' is not one of: \(allowed.joined(separator: ", "))")
        }
    }

    private func suggestion(_ id: String, _ candidates: [String]) -> String {
        let limit = id.count <= 4 ? 1 : 2
        let close = candidates.filter { EditDistance.between(id, $0, limit: limit) <= limit }.sorted()
        return close.isEmpty ? "" : " (did you mean '\(close[0])'?)"
    }
}
