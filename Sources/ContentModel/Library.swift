import JSON

/// The whole validated content, immutable once loaded, with lookups by id.
public struct Library: Sendable {
    public let metadata: Metadata
    public let documents: [Document]
    public let agents: [Agent]
    public let classes: [AgentClass]
    public let tissues: [Tissue]
    public let comparisons: [Comparison]
    public let glossary: [GlossaryEntry]
    public let references: [Reference]
    public let notes: [EditorialNote]
    /// What facts name as their provenance: the document, labels, notices, secondary sources, references.
    public let sources: [Source]
    /// Seconds since 1970 of the newest content file's modification (0 when unknown): with the last
    /// review it makes `Last-Modified`, which must move forward whenever the content changes.
    public let newestFileTime: Double
    /// A hash of every content file's name and bytes: equal content, equal version, on every replica.
    public let version: String
    /// Each content file's JSON tree by file name (`agents.json`, `documents/….json`), as validated: the
    /// API serves records from these, so a field the schema declares needs no code to be served.
    public let trees: [String: JSONValue]
    /// Every kind of record, `RecordKind.collections` then the kinds the schemas declare, by file name.
    public let kinds: [RecordKind]
    /// The order the API writes keys in: the schemas' property orders, merged (`KeyOrder`).
    public let keyOrder: KeyOrder

    public struct Metadata: Codable, Sendable, Hashable {
        public let title: String
        public let language: String
        /// `YYYY-MM-DD`: when the content was last reviewed; `Last-Modified` derives from it.
        public let lastReviewed: String
        public let disclaimer: String
    }

    public let agentsByID: [String: Agent]
    public let classesByID: [String: AgentClass]
    public let tissuesByID: [String: Tissue]
    public let comparisonsByID: [String: Comparison]
    public let glossaryByID: [String: GlossaryEntry]
    public let referencesByID: [String: Reference]
    public let notesByID: [String: EditorialNote]
    public let documentsByID: [String: Document]
    public let sourcesByID: [String: Source]

    init(
        metadata: Metadata, documents: [Document], agents: [Agent], classes: [AgentClass], tissues: [Tissue],
        comparisons: [Comparison], glossary: [GlossaryEntry], references: [Reference], notes: [EditorialNote],
        sources: [Source], newestFileTime: Double = 0, version: String, trees: [String: JSONValue] = [:],
        kinds: [RecordKind] = RecordKind.collections, keyOrder: KeyOrder = .document
    ) {
        self.kinds = kinds
        self.keyOrder = keyOrder
        self.metadata = metadata
        self.documents = documents
        self.agents = agents
        self.classes = classes
        self.tissues = tissues
        self.comparisons = comparisons
        self.glossary = glossary
        self.references = references
        self.notes = notes
        self.sources = sources
        self.newestFileTime = newestFileTime
        self.version = version
        self.trees = trees
        agentsByID = Self.index(agents)
        classesByID = Self.index(classes)
        tissuesByID = Self.index(tissues)
        comparisonsByID = Self.index(comparisons)
        glossaryByID = Self.index(glossary)
        referencesByID = Self.index(references)
        notesByID = Self.index(notes)
        documentsByID = Self.index(documents)
        sourcesByID = Self.index(sources)
    }

    /// First record wins; duplicates are the validator's to report.
    private static func index<T: Identifiable>(_ items: [T]) -> [String: T] where T.ID == String {
        Dictionary(items.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
    }

    /// Counts for a one-line summary.
    public var summary: String {
        let sections = documents.reduce(0) { $0 + $1.sections.count }
        return "\(documents.count) document(s), \(sections) sections, \(agents.count) agents, "
            + "\(classes.count) classes, \(tissues.count) tissues, \(comparisons.count) comparisons, "
            + "\(glossary.count) glossary terms, \(references.count) references, \(notes.count) editorial notes, "
            + "\(sources.count) sources"
            + kinds.filter(\.isGeneric).map { ", \(ids($0).count) \($0.key)" }.joined() + "; "
            + "content version \(version)"
    }
}

extension Library {
    /// The agent's labelled indications: its on-label uses read from at least one label source, in file
    /// order (what the FHIR view serves as indication `ClinicalUseDefinition`s and a label dose names).
    public func labelledUses(of agent: Agent) -> [Use] {
        agent.uses.filter { use in
            use.labelStatus == .onLabel && use.provenance.contains { sourcesByID[$0.source]?.kind == .label }
        }
    }

    /// The records of a kind by id, as their file spells them: validated against the schema, so every
    /// declared key is there (null where the source says nothing).
    public func records(_ kind: RecordKind) -> [String: JSONValue] {
        Dictionary(recordTrees(kind).map { ($0.id, $0.tree) }, uniquingKeysWith: { first, _ in first })
    }

    /// The kind whose records a problem or a 404 calls `noun`.
    public func kind(named noun: String) -> RecordKind? { kinds.first { $0.noun == noun } }

    /// The kind of records of `type` (`agent`, `claim`).
    public func kind(ofType type: String) -> RecordKind? { kinds.first { $0.type == type } }

    /// The ids of a kind's records, in file order.
    public func ids(_ kind: RecordKind) -> [String] { recordTrees(kind).map(\.id).uniqued() }

    private func recordTrees(_ kind: RecordKind) -> [(id: String, tree: JSONValue)] {
        guard case .array(let items)? = trees[kind.file]?[kind.key] else { return [] }
        return items.compactMap { item in
            if case .string(let id)? = item["id"] { (id, item) } else { nil }
        }
    }

    /// Each document's tree by document id, without the editors' `$schema` key.
    public var documentTrees: [String: JSONValue] {
        var byID: [String: JSONValue] = [:]
        for (file, tree) in trees where file.hasPrefix("documents/") {
            if case .string(let id)? = tree["id"], byID[id] == nil { byID[id] = tree.removing("$schema") }
        }
        return byID
    }

    /// `library.json` without the editors' `$schema` key.
    public var metadataTree: JSONValue { trees["library.json"]?.removing("$schema") ?? .object([]) }
}
