import ContentModel
import HTTP1
import JSON
import Threading

/// The content as the API shows it: every record's JSON view, built once from an immutable library,
/// and the lookups the handlers need. Pure: the same library gives the same views, byte for byte.
public struct ContentService: Sendable {
    public let library: Library
    let searchIndex: SearchIndex
    /// Prefix of every link the API emits (e.g. `/api` behind a proxy); empty by default.
    let basePath: String
    /// `Last-Modified`: the later of the last review (midnight UTC) and the newest content file's
    /// modification time, so it moves forward when an edit changes what is served. Replicas built from one
    /// image (same files, same times) agree.
    let lastModified: String

    let agentViews: [String: JSONValue]
    let glossaryViews: [String: JSONValue]
    let referenceViews: [String: JSONValue]
    let noteViews: [String: JSONValue]
    let comparisonViews: [String: JSONValue]
    let documentViews: [String: JSONValue]
    let sourceViews: [String: JSONValue]
    /// Records without links of their own, as their files spell them.
    let classTrees: [String: JSONValue]
    let tissueTrees: [String: JSONValue]
    let documentTrees: [String: JSONValue]
    /// Every kind's records as the export and the detail endpoints show them, by kind then id.
    let views: [RecordKind: [String: JSONValue]]
    /// The top-level fields of an agent and of a glossary entry, for `fields=`: the keys of the views
    /// themselves (the model's encoding plus links), so they can never drift from what is served.
    let agentFields: [String]
    let glossaryFields: [String]
    /// Folded id, name, alias or brand name → agent id.
    let agentNames: [String: String]
    /// Glossary entries in term order.
    let glossaryOrder: [GlossaryEntry]
    /// The same content as FHIR R5 resources.
    let fhir: FHIRView
    /// The endpoints of this content: the fixed ones and the declared kinds'.
    public let routes: Routes

    public init(library: Library, basePath: String = "") {
        self.library = library
        self.basePath = basePath
        // The search index and the FHIR view share nothing: built side by side, they cost start-up (and a
        // reload) the longer of the two.
        let index = Pending(named: "hta-index") { SearchIndex(library: library) }
        let modified = Self.lastModifiedSeconds(library)
        lastModified = HTTPDate.format(secondsSince1970: modified)
        fhir = FHIRView(library: library, basePath: basePath, lastUpdated: modified)
        searchIndex = index.value()
        routes = Routes(kinds: library.kinds)
        var agentNames: [String: String] = [:]
        for agent in library.agents {
            for name in agent.names {
                let key = name.lowercased()
                if agentNames[key] == nil { agentNames[key] = agent.id }
            }
        }
        self.agentNames = agentNames
        glossaryOrder = library.glossary.sorted { ($0.term.lowercased(), $0.id) < ($1.term.lowercased(), $1.id) }

        let link = { (path: String) in basePath + path }
        // Records are served as their files spell them (validated against the schemas), with links added.
        let agentTrees = library.records(.agent)
        let glossaryTrees = library.records(.glossary)
        let referenceTrees = library.records(.reference)
        let comparisonTrees = library.records(.comparison)
        let noteTrees = library.records(.note)
        let sourceTrees = library.records(.source)
        let documentTrees = library.documentTrees
        self.documentTrees = documentTrees
        classTrees = library.records(.agentClass)
        tissueTrees = library.records(.tissue)
        let documentOf = { (source: String) in library.sourcesByID[source]?.document }
        agentViews = Dictionary(
            uniqueKeysWithValues: library.agents.map { agent in
                let view = (agentTrees[agent.id] ?? .null)
                    .setting("disclaimer", .string(library.metadata.disclaimer))
                    .setting(
                        "links",
                        .object([
                            ("self", .string(link("/v1/agents/\(agent.id)"))),
                            ("class", .string(link("/v1/classes/\(agent.classID)"))),
                        ]))
                let relations = [
                    ("glossaryTerms", agent.glossaryTerms.map { "/v1/glossary/\($0)" }),
                    ("references", agent.references.map { "/v1/references/\($0)" }),
                    ("tissues", agent.tissueEffects.map { "/v1/tissues/\($0.tissue)" }),
                ]
                return (
                    agent.id, Self.linking(view, relations + Self.citations(view, document: documentOf), link: link)
                )
            })
        glossaryViews = Dictionary(
            uniqueKeysWithValues: library.glossary.map { entry in
                let view = (glossaryTrees[entry.id] ?? .null).setting(
                    "links", .object([("self", .string(link("/v1/glossary/\(entry.id)")))]))
                let relations = [
                    ("agents", entry.agents.map { "/v1/agents/\($0)" }),
                    ("related", (entry.related + entry.nearDuplicates).map { "/v1/glossary/\($0)" }),
                ]
                return (
                    entry.id, Self.linking(view, relations + Self.citations(view, document: documentOf), link: link)
                )
            })
        referenceViews = Dictionary(
            uniqueKeysWithValues: library.references.map {
                (
                    $0.id,
                    Self.linking(
                        (referenceTrees[$0.id] ?? .null).setting(
                            "links", .object([("self", .string(link("/v1/references/\($0.id)")))])),
                        [("sources", $0.provenance.map { "/v1/sources/\($0.source)" })], link: link)
                )
            })
        comparisonViews = Dictionary(
            uniqueKeysWithValues: library.comparisons.map {
                let view = (comparisonTrees[$0.id] ?? .null).setting(
                    "links", .object([("self", .string(link("/v1/comparisons/\($0.id)")))]))
                return ($0.id, Self.linking(view, Self.citations(view, document: documentOf), link: link))
            })
        // The kinds the schemas declare: served as their files spell them, with links.
        let declared = Dictionary(
            uniqueKeysWithValues: library.kinds.filter(\.isGeneric).map { kind in
                (kind, Self.declaredViews(kind, library: library, link: link, document: documentOf))
            })
        // Agents, glossary entries, comparisons, each document's sections, then the declared kinds' records,
        // in library order.
        let (agentViews, glossaryViews, comparisonViews) = (self.agentViews, self.glossaryViews, self.comparisonViews)
        var holding: [(Holder, JSONValue)] = []
        for agent in library.agents {
            holding.append((("agent", agent.id, "/v1/agents/\(agent.id)"), agentViews[agent.id] ?? .null))
        }
        for entry in library.glossary {
            holding.append((("glossary", entry.id, "/v1/glossary/\(entry.id)"), glossaryViews[entry.id] ?? .null))
        }
        for table in library.comparisons {
            holding.append(
                (("comparison", table.id, "/v1/comparisons/\(table.id)"), comparisonViews[table.id] ?? .null))
        }
        for document in library.documents {
            for section in document.sections {
                let path = "/v1/documents/\(document.id)/sections/\(section.id)"
                holding.append(
                    (("section", section.id, path), Self.section(section.id, of: documentTrees[document.id])))
            }
        }
        for kind in library.kinds where kind.isGeneric {
            let views = declared[kind] ?? [:]
            let noteFields = kind.relations.filter { $0.kind == RecordKind.note.type }.map(\.field)
            for id in library.ids(kind) {
                let view = views[id] ?? .null
                // A relation to a note qualifies the record as a `notes` list would.
                let notes = noteFields.flatMap { RecordKind.ids(in: view[$0]) }.map(JSONValue.string)
                holding.append(
                    ((kind.type, id, kind.path(of: id)), .array([view, .object([("notes", .array(notes))])])))
            }
        }
        let holders = Self.noteHolders(holding)
        noteViews = Dictionary(
            uniqueKeysWithValues: library.notes.map { note in
                let qualifies = holders[note.id] ?? []
                let view = (noteTrees[note.id] ?? .null).selecting(["id", "verdict", "text"])
                    .setting(
                        "qualifies",
                        .array(
                            qualifies.map {
                                .object([
                                    ("type", .string($0.type)), ("id", .string($0.id)),
                                    ("links", .object([("self", .string(link($0.path)))])),
                                ])
                            })
                    )
                    .setting("links", .object([("self", .string(link("/v1/notes/\(note.id)")))]))
                return (note.id, Self.linking(view, [("qualifies", qualifies.map(\.path))], link: link))
            })
        sourceViews = Dictionary(
            uniqueKeysWithValues: library.sources.map { source in
                var links: [(String, JSONValue)] = [("self", .string(link("/v1/sources/\(source.id)")))]
                if let document = source.document {
                    links.append(("document", .string(link("/v1/documents/\(document)"))))
                }
                if let reference = source.reference {
                    links.append(("reference", .string(link("/v1/references/\(reference)"))))
                }
                return (source.id, (sourceTrees[source.id] ?? .null).setting("links", .object(links)))
            })
        views = [
            .agent: agentViews, .agentClass: classTrees, .tissue: tissueTrees, .comparison: comparisonViews,
            .glossary: glossaryViews, .reference: referenceViews, .note: noteViews, .source: sourceViews,
        ].merging(declared) { own, _ in own }
        agentFields = Self.keys(of: agentViews.values)
        glossaryFields = Self.keys(of: glossaryViews.values)
        documentViews = Dictionary(
            uniqueKeysWithValues: library.documents.map { document in
                (
                    document.id,
                    (documentTrees[document.id] ?? .null)
                        .setting("disclaimer", .string(library.metadata.disclaimer))
                        .setting("links", .object([("self", .string(link("/v1/documents/\(document.id)")))]))
                )
            })
    }

    func link(_ path: String) -> JSONValue { .string(basePath + path) }

    /// A declared kind's records by id: each as its file spells it, with `links` naming itself, the
    /// records its relation fields name (one link for one id, a list for a list; notes always in the
    /// `notes` list), and what it cites.
    private static func declaredViews(
        _ kind: RecordKind, library: Library, link: (String) -> String, document: (String) -> String?
    ) -> [String: JSONValue] {
        library.records(kind).mapValues { tree in
            var links: [(String, JSONValue)] = [("self", .string(link(kind.path(of: tree["id"]?.stringValue ?? ""))))]
            var notes: [String] = []
            for relation in kind.relations {
                guard let target = library.kind(ofType: relation.kind) else { continue }
                // Notes are linked as everywhere: in `notes`, with the notes the record cites.
                if target == .note {
                    notes += RecordKind.ids(in: tree[relation.field])
                    continue
                }
                let ids = RecordKind.ids(in: tree[relation.field])
                if case .array? = tree[relation.field] {
                    links.append((relation.field, .array(ids.map { .string(link(target.path(of: $0))) })))
                } else if let id = ids.first {
                    links.append((relation.field, .string(link(target.path(of: id)))))
                }
            }
            let cited = citations(tree, document: document).map { name, paths in
                (name, name == "notes" ? notes.map { RecordKind.note.path(of: $0) } + paths : paths)
            }.filter { name, _ in !links.contains { $0.0 == name } }
            return linking(tree.setting("links", .object(links)), cited, link: link)
        }
    }

    /// The tree of section `id` in a document's tree.
    static func section(_ id: String, of document: JSONValue?) -> JSONValue {
        guard case .array(let sections)? = document?["sections"] else { return .null }
        return sections.first { $0["id"] == .string(id) } ?? .null
    }

    /// Every top-level key of the views, sorted.
    private static func keys(of views: some Sequence<JSONValue>) -> [String] {
        var keys = Set<String>()
        for case .object(let fields, _) in views { keys.formUnion(fields.keys) }
        return keys.sorted()
    }

    /// The agent named by id, name, alias or brand name, case-insensitively.
    func agentID(named name: String) -> String? { agentNames[name.lowercased()] }

    /// Up to three ids within two edits of `id`, closest first, for "did you mean".
    static func suggestions(for id: String, among candidates: some Sequence<String>) -> [String] {
        let folded = id.lowercased()
        let limit = folded.count <= 4 ? 1 : 2
        return candidates.compactMap { candidate -> (Int, String)? in
            let distance = EditDistance.between(folded, candidate, limit: limit)
            if distance <= limit || (folded.count >= 4 && candidate.hasPrefix(folded)) { return (distance, candidate) }
            return nil
        }.sorted { ($0.0, $0.1) < ($1.0, $1.1) }.prefix(3).map(\.1)
    }

    /// Seconds since 1970 of `Last-Modified` (and of every FHIR resource's `meta.lastUpdated`).
    static func lastModifiedSeconds(_ library: Library) -> Int {
        let parts = library.metadata.lastReviewed.split(separator: "-").compactMap { Int($0) }
        let reviewed = parts.count == 3 ? HTTPDate.seconds(year: parts[0], month: parts[1], day: parts[2]) : 0
        return max(reviewed, Int(library.newestFileTime))
    }

}
