/// Our qualification of a claim the content carries: a caveat, a correction or a warning that the claim
/// is disputed. Every claim the fact check marks questionable or partly right carries one.
public struct EditorialNote: Codable, Sendable, Hashable, Identifiable {
    public let id: String
    /// The claim's id in the fact check (e.g. `TC4`), or null for a note of our own.
    public let claim: String?
    /// `questionable`, `partly`, `caveat` or `context`.
    public let verdict: String
    public let text: String
}
