/// A glossary term with a definition in our words.
public struct GlossaryEntry: Codable, Sendable, Hashable, Identifiable {
    public let id: String
    public let term: String
    /// The term as the source spells it.
    public let sourceTerm: String
    public let definition: String
    /// `source` when restated from the source's definition; `editorial` when the source had only an
    /// unrelated teaser and the definition is ours.
    public let definitionOrigin: String
    public let related: [String]
    /// Near-duplicate entries of the source, linked rather than merged.
    public let nearDuplicates: [String]
    public let agents: [String]
    public let provenance: [Provenance]
    public let notes: [String]
}
