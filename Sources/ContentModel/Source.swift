/// A record a fact can name as its provenance: the source document, a product label, a regulator's
/// notice, a secondary publication, a public code list, or one of the document's references.
public struct Source: Codable, Sendable, Hashable, Identifiable {
    public let id: String
    public let kind: SourceKind
    public let title: String
    /// Labeller, agency, journal or site; nil when unknown.
    public let publisher: String?
    /// The products a label or notice covers; empty for other kinds.
    public let products: [String]
    /// Revision or publication date: `YYYY-MM-DD`, `YYYY-MM` or `YYYY`; nil when unknown.
    public let date: String?
    /// Where to read it; empty for the document and references (they are records of this API).
    public let urls: [String]
    public let quality: SourceQuality
    /// The document id, for a `document` source.
    public let document: String?
    /// The reference id, for a `reference` source.
    public let reference: String?
    public let note: String?
}

public enum SourceKind: String, Codable, Sendable, CaseIterable {
    case document, label
    case regulatorNotice = "regulator-notice"
    case secondary
    case codeList = "code-list"
    case reference
}

/// How directly the record shows what it is cited for.
public enum SourceQuality: String, Codable, Sendable, CaseIterable {
    /// The regulator, DailyMed/openFDA or the labeller itself.
    case official
    /// A third party's copy of a label.
    case labelCopy = "label-copy"
    /// News, reviews, guidelines, drug-information sites.
    case secondary
    /// A low-quality mirror: cited for want of a better copy.
    case unverified
}

extension SourceKind: DecodingFallback { static var decodingFallback: Self { .secondary } }
extension SourceQuality: DecodingFallback { static var decodingFallback: Self { .unverified } }
