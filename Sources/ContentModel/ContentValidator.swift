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

    /// Whether the file that records of this kind (by its noun) live in could not be read.
    func targetUnreadable(_ kind: String) -> Bool {
        library.kind(named: kind).map { unreadable.contains($0.file) } ?? false
    }

    final class Collector {
        var problems: [ContentProblem] = []
        var usedNotes: Set<String> = []
    }

    func problems() -> [ContentProblem] {
        for file in unreadable.sorted() where file != "library.json" {
            report(file, "$", ContentProblem.skippedChecks)
        }
        checkDocuments()
        checkAgents()
        checkTaxonomy()
        checkComparisons()
        checkGlossary()
        checkReferences()
        checkSources()
        checkDeclaredKinds()
        checkNotes()
        return collector.problems
    }

    // MARK: Helpers

    func report(_ file: String, _ path: String, _ message: String) {
        collector.problems.append(ContentProblem(file: file, path: path, message: message))
    }

    /// No id repeated (that each is a slug, the schema checks).
    func checkIDs(_ ids: [String], file: String, path: (Int) -> String) {
        var seen: [String: Int] = [:]
        for (index, id) in ids.enumerated() {
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
            report(file, "\(path)[\(index)]", unknown(kind, id, Array(known.keys)))
        }
    }

    func checkNotes(_ ids: [String], file: String, path: String) {
        collector.usedNotes.formUnion(ids)
        checkRefs(ids, in: library.notesByID, kind: "editorial note", file: file, path: "\(path).notes")
    }

    /// Each item names a known source; a document source also names one of its sections, and no other
    /// kind of source does.
    func checkProvenance(_ provenance: [Provenance], file: String, path: String) {
        if targetUnreadable("source") { return }
        for (index, item) in provenance.enumerated() {
            let itemPath = "\(path).provenance[\(index)]"
            guard let source = library.sourcesByID[item.source] else {
                report(file, "\(itemPath).source", unknown("source", item.source, Array(library.sourcesByID.keys)))
                continue
            }
            guard source.kind == .document else {
                if item.section != nil {
                    report(
                        file, "\(itemPath).section",
                        "only a document source has sections ('\(source.id)' is a \(source.kind.rawValue))")
                }
                continue
            }
            guard let section = item.section else {
                report(file, itemPath, "missing field 'section' (a document source names its section)")
                continue
            }
            guard let document = source.document.flatMap({ library.documentsByID[$0] }) else { continue }
            if !document.sections.contains(where: { $0.id == section }) {
                report(
                    file, "\(itemPath).section",
                    unknown("section", section, document.sections.map(\.id), of: " of document '\(document.id)'"))
            }
        }
    }

    /// A fact is traceable: it names the sources it comes from, or notes that say where it comes from.
    func checkFact(_ fact: Fact, file: String, path: String) {
        checkProvenance(fact.provenance, file: file, path: path)
        checkNotes(fact.notes, file: file, path: path)
        if fact.provenance.isEmpty && fact.notes.isEmpty {
            report(file, path, "a fact needs provenance (a source) or an editorial note giving its source")
        }
    }

    func checkAllowed(_ value: String, _ allowed: [String], file: String, path: String) {
        if !allowed.contains(value) {
            report(file, path, "'\(value)' is not one of: \(allowed.joined(separator: ", "))")
        }
    }

    /// "unknown class 'serms' (did you mean 'serm'?); one of: …": the closest id, and the allowed ids
    /// when there are few enough to read.
    func unknown(_ kind: String, _ id: String, _ candidates: [String], of owner: String = "") -> String {
        let candidates = Set(candidates).sorted()
        let allowed = candidates.count <= 15 ? "; one of: \(candidates.joined(separator: ", "))" : ""
        return "unknown \(kind) '\(id)'\(owner)\(suggestion(id, candidates))\(allowed)"
    }

    func suggestion(_ id: String, _ candidates: [String]) -> String {
        let limit = id.count <= 4 ? 1 : 2
        let close = candidates.filter { EditDistance.between(id, $0, limit: limit) <= limit }.sorted()
        return close.isEmpty ? "" : " (did you mean '\(close[0])'?)"
    }
}
