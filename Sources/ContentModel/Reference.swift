/// A reference of the source, with the citation as given and the corrected metadata.
public struct Reference: Codable, Sendable, Hashable, Identifiable {
    public let id: String
    /// The citation as the source gave it, artifacts normalised and parsed into fields.
    public let citedAs: Citation
    /// `exact`, `minor-error`, `major-error` or `unverified`.
    public let verdict: String
    public let verdictNote: String
    /// The work the citation most likely means, or null when none could be identified.
    public let corrected: Citation?
    /// Other real works the citation may have merged or confused.
    public let related: [Citation]
    public let provenance: [Provenance]
}

public struct Citation: Codable, Sendable, Hashable {
    public let authors: [String]
    /// The title; abridged with '…' where the full title would repeat the source document's wording
    /// verbatim (the content restates, never copies, the source), and then `titleAbridged` is true.
    public let title: String
    public let titleAbridged: Bool
    public let container: String
    public let year: Int
    public let volume: String?
    public let issue: String?
    public let pages: String?
    public let publisher: String?
    public let edition: String?
    /// Only where our fact check confirmed it; null otherwise.
    public let doi: String?
    public let pmid: String?
}

extension Citation {
    static let empty = Citation(
        authors: [], title: "", titleAbridged: false, container: "", year: 0, volume: nil, issue: nil, pages: nil,
        publisher: nil, edition: nil, doi: nil, pmid: nil)
}
