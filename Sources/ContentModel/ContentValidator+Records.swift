extension ContentValidator {
    func checkDocuments() {
        let files = library.documents.map { documentFiles[$0.id] ?? "documents/" }
        for (index, document) in library.documents.enumerated() {
            let file = files[index]
            checkIDs([document.id], file: file) { _ in "$" }
            checkIDs(document.sections.map(\.id), file: file) { "$.sections[\($0)]" }
            for (sectionIndex, section) in document.sections.enumerated() {
                let path = "$.sections[\(sectionIndex)]"
                checkNotes(section.notes, file: file, path: path)
                if section.blocks.isEmpty { report(file, "\(path).blocks", "a section needs at least one block") }
                for (blockIndex, block) in section.blocks.enumerated() {
                    let blockPath = "\(path).blocks[\(blockIndex)]"
                    switch block {
                    case .paragraph(_, let notes):
                        checkNotes(notes, file: file, path: blockPath)
                    case .keyPoint:
                        break
                    case .list(let items):
                        if items.isEmpty { report(file, "\(blockPath).items", "a list needs at least one item") }
                        for (itemIndex, item) in items.enumerated() {
                            checkNotes(item.notes, file: file, path: "\(blockPath).items[\(itemIndex)]")
                        }
                    case .table(let comparison):
                        if library.comparisonsByID[comparison] == nil, !targetUnreadable("comparison") {
                            report(file, "\(blockPath).comparison", "unknown comparison '\(comparison)'")
                        }
                    }
                }
            }
        }
    }

    func checkTaxonomy() {
        checkIDs(library.classes.map(\.id), file: "classes.json") { "$.classes[\($0)]" }
        for (index, agentClass) in library.classes.enumerated() {
            checkAllowed(
                agentClass.kind, ["hormone", "modulator"], file: "classes.json", path: "$.classes[\(index)].kind")
        }
        checkIDs(library.tissues.map(\.id), file: "tissues.json") { "$.tissues[\($0)]" }
    }

    func checkComparisons() {
        let file = "comparisons.json"
        checkIDs(library.comparisons.map(\.id), file: file) { "$.comparisons[\($0)]" }
        for (index, comparison) in library.comparisons.enumerated() {
            let path = "$.comparisons[\(index)]"
            checkProvenance(comparison.provenance, file: file, path: path)
            if comparison.provenance.isEmpty { report(file, "\(path).provenance", "a table needs its source section") }
            checkIDs(comparison.columns.map(\.id), file: file) { "\(path).columns[\($0)]" }
            checkIDs(comparison.rows.map(\.id), file: file) { "\(path).rows[\($0)]" }
            let columns = comparison.columns.map(\.id)
            for (rowIndex, row) in comparison.rows.enumerated() {
                let rowPath = "\(path).rows[\(rowIndex)]"
                if row.cells.map(\.column) != columns {
                    report(
                        file, "\(rowPath).cells",
                        "ragged row: cells are for [\(row.cells.map(\.column).joined(separator: ", "))], "
                            + "columns are [\(columns.joined(separator: ", "))]")
                }
                for (cellIndex, cell) in row.cells.enumerated() {
                    checkNotes(cell.notes, file: file, path: "\(rowPath).cells[\(cellIndex)]")
                }
            }
        }
    }

    func checkGlossary() {
        let file = "glossary.json"
        checkIDs(library.glossary.map(\.id), file: file) { "$.entries[\($0)]" }
        for (index, entry) in library.glossary.enumerated() {
            let path = "$.entries[\(index)]"
            checkAllowed(entry.definitionOrigin, ["source", "editorial"], file: file, path: "\(path).definitionOrigin")
            checkRefs(
                entry.related, in: library.glossaryByID, kind: "glossary term", file: file, path: "\(path).related")
            checkRefs(
                entry.nearDuplicates, in: library.glossaryByID, kind: "glossary term", file: file,
                path: "\(path).nearDuplicates")
            checkRefs(entry.agents, in: library.agentsByID, kind: "agent", file: file, path: "\(path).agents")
            if entry.related.contains(entry.id) || entry.nearDuplicates.contains(entry.id) {
                report(file, path, "an entry cannot be related to itself")
            }
            for other in entry.nearDuplicates
            where library.glossaryByID[other].map({ !$0.nearDuplicates.contains(entry.id) }) ?? false {
                report(file, "\(path).nearDuplicates", "'\(other)' does not link back to '\(entry.id)'")
            }
            checkProvenance(entry.provenance, file: file, path: path)
            if entry.provenance.isEmpty {
                report(file, "\(path).provenance", "a glossary entry needs its source section")
            }
            checkNotes(entry.notes, file: file, path: path)
            if entry.definitionOrigin == "editorial" && entry.notes.isEmpty {
                report(
                    file, "\(path).notes",
                    "an editorial definition needs a note saying why the source's text was replaced")
            }
        }
    }

    func checkReferences() {
        let file = "references.json"
        checkIDs(library.references.map(\.id), file: file) { "$.references[\($0)]" }
        for (index, reference) in library.references.enumerated() {
            let path = "$.references[\(index)]"
            checkAllowed(
                reference.verdict, ["exact", "minor-error", "major-error", "unverified"], file: file,
                path: "\(path).verdict")
            checkProvenance(reference.provenance, file: file, path: path)
        }
    }

    func checkSources() {
        let file = "sources.json"
        checkIDs(library.sources.map(\.id), file: file) { "$.sources[\($0)]" }
        for (index, source) in library.sources.enumerated() {
            let path = "$.sources[\(index)]"
            switch source.kind {
            case .document:
                if let document = source.document {
                    if library.documentsByID[document] == nil {
                        report(file, "\(path).document", unknown("document", document, library.documents.map(\.id)))
                    }
                } else {
                    report(file, "\(path).document", "a document source names its document")
                }
            case .reference:
                if let reference = source.reference {
                    checkRefs(
                        [reference], in: library.referencesByID, kind: "reference", file: file,
                        path: "\(path).reference")
                } else {
                    report(file, "\(path).reference", "a reference source names its reference")
                }
            case .label, .regulatorNotice:
                if source.urls.isEmpty {
                    report(file, "\(path).urls", "a \(source.kind.rawValue) source says where to read it")
                }
            case .secondary, .codeList:
                break
            }
            if source.kind != .document, source.document != nil {
                report(file, "\(path).document", "only a document source names a document (use null)")
            }
            if source.kind != .reference, source.reference != nil {
                report(file, "\(path).reference", "only a reference source names a reference (use null)")
            }
        }
    }

    func checkNotes() {
        let file = "notes.json"
        // A note attached only in a file that could not be read is not unattached.
        let notesAttachable = !unreadable.contains { !["library.json", "notes.json", "sources.json"].contains($0) }
        checkIDs(library.notes.map(\.id), file: file) { "$.notes[\($0)]" }
        for (index, note) in library.notes.enumerated() {
            let path = "$.notes[\(index)]"
            checkAllowed(
                note.verdict, ["questionable", "partly", "caveat", "context"], file: file, path: "\(path).verdict")
            if !notesAttachable { continue }
            if !collector.usedNotes.contains(note.id) {
                report(file, path, "note '\(note.id)' is attached to nothing")
            }
        }
    }
}

extension ContentValidator {
    /// The records of the kinds the schemas declare (`x-record-kind`), which have no checks of their own:
    /// ids unique, each relation naming a record of its kind, and provenance resolving as everywhere.
    func checkDeclaredKinds() {
        for kind in library.kinds where kind.isGeneric {
            guard case .array(let records)? = library.trees[kind.file]?[kind.key] else { continue }
            let file = kind.file
            let ids = records.map { record -> String? in if case .string(let id)? = record["id"] { id } else { nil } }
            let withID = ids.indices.filter { ids[$0] != nil }  // a record without one, the schema reports
            checkIDs(ids.compactMap(\.self), file: file) { "$.\(kind.key)[\(withID[$0])]" }
            for relation in kind.relations {
                guard let target = library.kind(ofType: relation.kind) else {
                    report(
                        "schema/\(kind.schema)", "$['x-record-kind'].refers.\(relation.field)",
                        unknown("kind", relation.kind, library.kinds.map(\.type)))
                    continue
                }
                let known = Dictionary(library.ids(target).map { ($0, ()) }, uniquingKeysWith: { first, _ in first })
                for (index, record) in records.enumerated() {
                    let named = RecordKind.ids(in: record[relation.field])
                    if target == .note { collector.usedNotes.formUnion(named) }
                    let path = "$.\(kind.key)[\(index)].\(relation.field)"
                    if case .array? = record[relation.field] {
                        checkRefs(named, in: known, kind: target.noun, file: file, path: path)
                    } else if let id = named.first, known[id] == nil, !targetUnreadable(target.noun) {
                        report(file, path, unknown(target.noun, id, Array(known.keys)))
                    }
                }
            }
            for (index, record) in records.enumerated() {
                guard let provenance = record["provenance"],
                    let items = try? LenientDecoder.decode([Provenance].self, from: provenance)
                else { continue }
                checkProvenance(items, file: file, path: "$.\(kind.key)[\(index)]")
            }
        }
    }
}
