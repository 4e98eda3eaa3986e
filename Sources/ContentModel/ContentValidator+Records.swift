extension ContentValidator {
    func checkMetadata() {
        let date = library.metadata.lastReviewed
        let parts = date.split(separator: "-")
        let valid =
            parts.count == 3 && parts[0].count == 4 && parts[1].count == 2 && parts[2].count == 2
            && parts.allSatisfy { $0.allSatisfy(\.isASCII) && Int($0) != nil }
            && (1...12).contains(Int(parts[1]) ?? 0) && (1...31).contains(Int(parts[2]) ?? 0)
        if !valid { report("library.json", "$.lastReviewed", "'\(date)' is not a date YYYY-MM-DD") }
    }

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

    func checkAgents() {
        let file = "agents.json"
        checkIDs(library.agents.map(\.id), file: file) { "$.agents[\($0)]" }
        for (index, agent) in library.agents.enumerated() {
            let path = "$.agents[\(index)]"
            if library.classesByID[agent.classID] == nil, !targetUnreadable("class") {
                report(file, "\(path).class", "unknown class '\(agent.classID)'")
            }
            checkFact(agent.mechanism, file: file, path: "\(path).mechanism")
            for (effectIndex, effect) in agent.tissueEffects.enumerated() {
                let effectPath = "\(path).tissueEffects[\(effectIndex)]"
                if library.tissuesByID[effect.tissue] == nil, !targetUnreadable("tissue") {
                    report(file, "\(effectPath).tissue", "unknown tissue '\(effect.tissue)'")
                }
                checkFact(
                    Fact(text: effect.note, provenance: effect.provenance, notes: effect.notes), file: file,
                    path: effectPath)
            }
            let tissues = agent.tissueEffects.map(\.tissue)
            if Set(tissues).count != tissues.count {
                report(file, "\(path).tissueEffects", "a tissue is listed more than once")
            }
            for (useIndex, use) in agent.uses.enumerated() {
                checkFact(
                    Fact(text: use.description, provenance: use.provenance, notes: use.notes), file: file,
                    path: "\(path).uses[\(useIndex)]")
            }
            for (doseIndex, dosing) in (agent.dosing ?? []).enumerated() {
                let dosePath = "\(path).dosing[\(doseIndex)]"
                checkFact(
                    Fact(text: dosing.description, provenance: dosing.provenance, notes: dosing.notes), file: file,
                    path: dosePath)
                for (name, quantity) in [
                    ("concentration", dosing.concentration), ("volume", dosing.volume), ("dose", dosing.dose),
                ] {
                    if let quantity, quantity.min > quantity.max || quantity.min < 0 {
                        report(file, "\(dosePath).\(name)", "min must be between 0 and max")
                    }
                }
            }
            for (kind, facts) in [("risks", agent.risks ?? []), ("monitoring", agent.monitoring ?? [])] {
                for (factIndex, fact) in facts.enumerated() {
                    checkFact(fact, file: file, path: "\(path).\(kind)[\(factIndex)]")
                }
            }
            if let isomers = agent.isomers {
                checkIDs(isomers.map(\.id), file: file) { "\(path).isomers[\($0)]" }
                for (isomerIndex, isomer) in isomers.enumerated() {
                    checkFact(
                        Fact(text: isomer.description, provenance: isomer.provenance, notes: isomer.notes),
                        file: file, path: "\(path).isomers[\(isomerIndex)]")
                }
            }
            for (identifierIndex, identifier) in agent.identifiers.enumerated() {
                let identifierPath = "\(path).identifiers[\(identifierIndex)]"
                checkAllowed(
                    identifier.system,
                    [
                        "http://www.whocc.no/atc", "http://fdasis.nlm.nih.gov",
                        "http://www.nlm.nih.gov/research/umls/rxnorm",
                    ],
                    file: file, path: "\(identifierPath).system")
                checkAllowed(
                    identifier.refersTo, ["parent", "salt", "ester"], file: file, path: "\(identifierPath).refersTo")
            }
            checkRefs(
                agent.glossaryTerms, in: library.glossaryByID, kind: "glossary term", file: file,
                path: "\(path).glossaryTerms")
            checkRefs(
                agent.references, in: library.referencesByID, kind: "reference", file: file, path: "\(path).references")
            checkNotes(agent.notes, file: file, path: path)
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

    func checkNotes() {
        let file = "notes.json"
        checkIDs(library.notes.map(\.id), file: file) { "$.notes[\($0)]" }
        for (index, note) in library.notes.enumerated() {
            let path = "$.notes[\(index)]"
            checkAllowed(
                note.verdict, ["questionable", "partly", "caveat", "context"], file: file, path: "\(path).verdict")
            if !collector.usedNotes.contains(note.id) {
                report(file, path, "note '\(note.id)' is attached to nothing")
            }
        }
    }
}
