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

    public struct Metadata: Encodable, Sendable, Hashable {
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
        sources: [Source], newestFileTime: Double = 0, version: String
    ) {
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
            + "\(sources.count) sources; "
            + "content version \(version)"
    }
}
