/// A class of agents (SERM, aromatase inhibitor, androgen, estrogen, progestogen).
public struct AgentClass: Codable, Sendable, Hashable, Identifiable {
    public let id: String
    public let name: String
    public let description: String
    /// Whether the class is a hormone itself (traditional therapy) or modulates hormone action.
    public let kind: String
}

/// A tissue or organ in which agents act.
public struct Tissue: Codable, Sendable, Hashable, Identifiable {
    public let id: String
    public let name: String
    public let description: String
}
