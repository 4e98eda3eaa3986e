/// A therapeutic agent with every fact we hold on it, each traceable to its source.
public struct Agent: Codable, Sendable, Hashable, Identifiable {
    public let id: String
    public let name: String
    /// The agent class id (`serm`, `aromatase-inhibitor`, …).
    public let classID: String
    /// Other names and spellings (INN variants, salt names). Never null: every agent has a name.
    public let aliases: [String]
    /// Brand names our sources name; null when they name none.
    public let brandNames: [String]?
    public let summary: String
    public let mechanism: Fact
    public let tissueEffects: [TissueEffect]
    public let uses: [Use]
    /// Routes and doses as the source describes them; null when it describes none.
    public let dosing: [Dosing]?
    /// Null when our sources name no risk.
    public let risks: [Fact]?
    /// Boxed warnings of the US label; [] when the label has none, null when our sources do not say.
    public let boxedWarnings: [BoxedWarning]?
    /// Null when our sources name no monitoring.
    public let monitoring: [Fact]?
    /// Stereoisomers, where the agent is a mixture (clomiphene); null otherwise.
    public let isomers: [Isomer]?
    public let identifiers: [Identifier]
    public let glossaryTerms: [String]
    public let references: [String]
    /// Editorial notes on the agent as a whole.
    public let notes: [String]

    private enum CodingKeys: String, CodingKey {
        case id, name, classID = "class", aliases, brandNames, summary, mechanism, tissueEffects, uses, dosing
        case risks, boxedWarnings, monitoring, isomers, identifiers, glossaryTerms, references, notes
    }
}

public enum Effect: String, Codable, Sendable, CaseIterable {
    case agonist, antagonist, mixed, none
}

public struct TissueEffect: Codable, Sendable, Hashable {
    public let tissue: String
    public let effect: Effect
    public let note: String
    public let provenance: [Provenance]
    public let notes: [String]
}

public enum LabelStatus: String, Codable, Sendable, CaseIterable {
    case onLabel = "on-label"
    case offLabel = "off-label"
    case notApproved = "not-approved"
}

public struct Use: Codable, Sendable, Hashable {
    public let description: String
    public let population: String
    public let labelStatus: LabelStatus
    public let provenance: [Provenance]
    public let notes: [String]
}

/// A quantity with its unit, or a range of them.
public struct Quantity: Codable, Sendable, Hashable {
    public let min: Double
    public let max: Double
    public let unit: String
}

/// Route and dosing as the source describes them. A concentration is not a dose: where the source gives
/// no dose, `dose` is null.
public struct Dosing: Codable, Sendable, Hashable {
    public let population: String
    public let route: String
    public let description: String
    public let concentration: Quantity?
    public let volume: Quantity?
    public let dose: Quantity?
    public let frequency: String?
    public let provenance: [Provenance]
    public let notes: [String]
}

public struct BoxedWarning: Codable, Sendable, Hashable {
    public let text: String
    public let source: String
}

public struct Isomer: Codable, Sendable, Hashable, Identifiable {
    public let id: String
    public let name: String
    public let geometry: String
    public let description: String
    public let provenance: [Provenance]
    public let notes: [String]
}

/// A standard code for the agent (ATC, UNII, RxCUI), with what exactly it names and who says so.
public struct Identifier: Codable, Sendable, Hashable {
    public let system: String
    public let code: String
    /// What the code names: the `parent` compound, its `salt`, or its `ester`.
    public let refersTo: String
    public let source: String
    public let verified: Bool
    public let note: String?
}
