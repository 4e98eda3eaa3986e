/// Where a fact comes from: a record of `sources.json`, and for a document source the section.
public struct Provenance: Codable, Sendable, Hashable {
    /// A source id (`sources.json`).
    public let source: String
    /// The section of the document, when the source is a document; nil for every other kind of source.
    public let section: String?

    public init(source: String, section: String?) {
        self.source = source
        self.section = section
    }
}

/// A statement with its provenance and the editorial notes that qualify it. Every fact names the
/// sources it comes from, or carries at least one note saying where it comes from.
public struct Fact: Codable, Sendable, Hashable {
    public let text: String
    public let provenance: [Provenance]
    public let notes: [String]

    public init(text: String, provenance: [Provenance], notes: [String]) {
        self.text = text
        self.provenance = provenance
        self.notes = notes
    }
}
