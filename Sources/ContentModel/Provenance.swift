/// Where a fact comes from: a section of a document in the library.
public struct Provenance: Codable, Sendable, Hashable {
    public let document: String
    public let section: String

    public init(document: String, section: String) {
        self.document = document
        self.section = section
    }
}

/// A statement with its provenance and the editorial notes that qualify it. A fact taken from the
/// source document names its sections; a fact we added from the fact check names no section but
/// carries at least one note saying where it comes from.
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
