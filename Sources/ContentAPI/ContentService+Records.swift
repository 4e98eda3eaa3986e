import ContentModel
import JSON

extension ContentService {
    static let glossaryIncludes = ["agents", "related", "notes"]

    func glossary(_ query: QueryParameters) throws(APIError) -> Body {
        let fields = try query.list("fields", allowed: glossaryFields)
        var entries = glossaryOrder
        if let prefix = try query.text("prefix") {
            let folded = prefix.lowercased()
            entries = entries.filter { $0.term.lowercased().hasPrefix(folded) || $0.sourceTerm.hasPrefix(folded) }
        }
        if let q = try query.text("q", minLength: 1) {
            let hits = Set(searchIndex.search(q, kinds: [.glossary], limit: 1000).map(\.id))
            entries = entries.filter { hits.contains($0.id) }
        }
        let items = entries.map {
            project(
                glossaryViews[$0.id] ?? .null, fields: fields ?? ["term", "definition", "definitionOrigin", "links"])
        }
        return try page(items, path: "/v1/glossary", query: query)
    }

    func glossaryEntry(_ term: String, _ query: QueryParameters) throws(APIError) -> Body {
        let id =
            library.glossaryByID[term] != nil
            ? term
            : glossaryOrder.first { $0.term.lowercased() == term.lowercased() || $0.sourceTerm == term.lowercased() }?
                .id
        guard let id, let entry = library.glossaryByID[id], let view = glossaryViews[id] else {
            throw .notFound(
                kind: "glossary term", id: term,
                suggestions: Self.suggestions(for: term, among: library.glossary.map(\.id)))
        }
        var result = project(view, fields: try query.list("fields", allowed: glossaryFields))
        if let include = try query.list("include", allowed: Self.glossaryIncludes) {
            var included: [(String, JSONValue)] = []
            for kind in include.uniqued() {
                switch kind {
                case "agents":
                    included.append(
                        (kind, .array(entry.agents.compactMap { library.agentsByID[$0].map(agentSummary) })))
                case "related":
                    included.append(
                        (
                            kind,
                            .array((entry.related + entry.nearDuplicates).uniqued().compactMap { glossaryViews[$0] })
                        ))
                default: included.append((kind, .array(entry.notes.compactMap { noteViews[$0] })))
                }
            }
            result = result.setting("included", .object(included))
        }
        return .json(result, contentLocation: id == term ? nil : basePath + "/v1/glossary/\(id)")
    }

    func comparisons() -> Body {
        .json(.object([("items", .array(library.comparisons.compactMap { comparisonViews[$0.id] }))]))
    }

    func comparison(_ id: String) throws(APIError) -> Body { try record(id, of: .comparison) }

    func references(_ query: QueryParameters) throws(APIError) -> Body {
        try page(library.references.compactMap { referenceViews[$0.id] }, path: "/v1/references", query: query)
    }

    func reference(_ id: String) throws(APIError) -> Body { try record(id, of: .reference) }

    func notes(_ query: QueryParameters) throws(APIError) -> Body {
        try page(library.notes.compactMap { noteViews[$0.id] }, path: "/v1/notes", query: query)
    }

    func note(_ id: String) throws(APIError) -> Body { try record(id, of: .note) }

    func sources(_ query: QueryParameters) throws(APIError) -> Body {
        let kind = try query.choice("kind", SourceKind.allCases.map(\.rawValue))
        let matches = library.sources.filter { kind == nil || $0.kind.rawValue == kind }
        return try page(matches.compactMap { sourceViews[$0.id] }, path: "/v1/sources", query: query)
    }

    func source(_ id: String) throws(APIError) -> Body { try record(id, of: .source) }

    func documents() -> Body {
        let items: [JSONValue] = library.documents.map { document in
            .object([
                ("id", .string(document.id)), ("title", .string(document.title)),
                ("summary", .string(document.summary)),
                ("sections", .array(document.sections.map { sectionSummary($0, in: document) })),
                ("links", .object([("self", link("/v1/documents/\(document.id)"))])),
            ])
        }
        return .json(.object([("items", .array(items))]))
    }

    private func sectionSummary(_ section: Section, in document: Document) -> JSONValue {
        .object([
            ("id", .string(section.id)), ("title", .string(section.title)), ("level", .string(section.level.rawValue)),
            ("links", .object([("self", link("/v1/documents/\(document.id)/sections/\(section.id)"))])),
        ])
    }

    func document(_ id: String) throws(APIError) -> Body { try record(id, in: documentViews, kind: "document") }

    func section(_ documentID: String, _ sectionID: String, _ query: QueryParameters) throws(APIError) -> Body {
        guard let document = library.documentsByID[documentID] else {
            throw .notFound(
                kind: "document", id: documentID,
                suggestions: Self.suggestions(for: documentID, among: library.documents.map(\.id)))
        }
        guard let position = document.sections.firstIndex(where: { $0.id == sectionID }) else {
            throw .notFound(
                kind: "section", id: sectionID,
                suggestions: Self.suggestions(for: sectionID, among: document.sections.map(\.id)))
        }
        let section = document.sections[position]
        var links: [(String, JSONValue)] = [
            ("self", link("/v1/documents/\(document.id)/sections/\(section.id)")),
            ("document", link("/v1/documents/\(document.id)")),
        ]
        if position > 0 {
            links.append(("prev", link("/v1/documents/\(document.id)/sections/\(document.sections[position - 1].id)")))
        }
        if position + 1 < document.sections.count {
            links.append(("next", link("/v1/documents/\(document.id)/sections/\(document.sections[position + 1].id)")))
        }
        var result = Self.section(section.id, of: documentTrees[document.id])
            .setting("document", .string(document.id)).setting("links", .object(links))
        let comparisons = section.blocks.compactMap { block -> String? in
            if case .table(let comparison) = block { return "/v1/comparisons/\(comparison)" }
            return nil
        }
        result = Self.linking(
            result,
            [("comparisons", comparisons)] + Self.citations(result, document: { library.sourcesByID[$0]?.document }),
            link: { basePath + $0 })
        if let include = try query.list("include", allowed: ["notes", "comparisons"]) {
            var included: [(String, JSONValue)] = []
            for kind in include.uniqued() {
                if kind == "notes" {
                    let ids = section.notes + section.blocks.flatMap(Self.noteIDs)
                    included.append((kind, .array(ids.uniqued().compactMap { noteViews[$0] })))
                } else {
                    let ids = section.blocks.compactMap { block -> String? in
                        if case .table(let comparison) = block { return comparison }
                        return nil
                    }
                    included.append((kind, .array(ids.compactMap { comparisonViews[$0] })))
                }
            }
            result = result.setting("included", .object(included))
        }
        return .json(result)
    }

    private static func noteIDs(_ block: Block) -> [String] {
        switch block {
        case .paragraph(_, let notes): notes
        case .list(let items): items.flatMap(\.notes)
        case .keyPoint, .table: []
        }
    }

    /// A declared kind's records, in file order, paged.
    func records(of kind: RecordKind, _ query: QueryParameters) throws(APIError) -> Body {
        let views = views[kind] ?? [:]
        return try page(library.ids(kind).compactMap { views[$0] }, path: kind.path, query: query)
    }

    /// A record's precomputed view, or a 404 naming the closest ids.
    func record(_ id: String, of kind: RecordKind) throws(APIError) -> Body {
        try record(id, in: views[kind] ?? [:], kind: kind.noun)
    }

    private func record(_ id: String, in views: [String: JSONValue], kind: String) throws(APIError) -> Body {
        guard let view = views[id] else {
            throw .notFound(kind: kind, id: id, suggestions: Self.suggestions(for: id, among: views.keys))
        }
        return .json(view)
    }
}
