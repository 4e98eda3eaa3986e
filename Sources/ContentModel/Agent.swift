/// A therapeutic agent with every fact we hold on it, each traceable to its source.
public struct Agent: Codable, Sendable, Hashable, Identifiable {
    public let id: String
    public let name: String
    /// The agent class id (`serm`, `aromatase-inhibitor`, …).
    public let classID: String
    /// Other names and spellings (INN variants, salt names).
    public let aliases: [String]
    /// Every brand name we know, marketed or not; empty when none.
    public let brandNames: [BrandName]
    /// The products that matter (brand and generic), with form and strengths; empty when none.
    public let products: [Product]
    public let summary: String
    public let mechanism: Fact
    public let tissueEffects: [TissueEffect]
    /// Labelled indications and the uses the source describes, each with its label status.
    public let uses: [Use]
    /// Boxed warnings per product label, with status and date; empty when no label has one.
    public let boxedWarnings: [BoxedWarning]
    public let contraindications: [Fact]
    /// Key warnings and precautions of the labels.
    public let warnings: [Fact]
    /// Other drugs the labels say not to combine, or to adjust, with this one.
    public let interactions: [Interaction]
    /// US controlled-substance schedule.
    public let schedule: Schedule
    public let pregnancyAndLactation: [Fact]
    /// Label doses (`basis` label) and what the source document claims (`basis` source-claim).
    public let dosing: [Dosing]
    /// Risks as the source document describes them.
    public let risks: [Fact]
    public let monitoring: [Fact]
    /// Stereoisomers, where the agent is a mixture (clomiphene); nil otherwise.
    public let isomers: [Isomer]?
    public let identifiers: [Identifier]
    /// The agent's ATC level-4 class (chemical, pharmacological or therapeutic subgroup).
    public let atcClass: ATCClass
    public let glossaryTerms: [String]
    public let references: [String]
    /// Editorial notes on the agent as a whole.
    public let notes: [String]

    private enum CodingKeys: String, CodingKey {
        case id, name, classID = "class", aliases, brandNames, products, summary, mechanism, tissueEffects, uses
        case boxedWarnings, contraindications, warnings, interactions, schedule, pregnancyAndLactation, dosing, risks
        case monitoring
        case isomers, identifiers, atcClass, glossaryTerms, references, notes
    }

    /// Every name the agent answers to: id, name, aliases and brand names.
    public var names: [String] { [id, name] + aliases + brandNames.map(\.name) }
}

public enum MarketStatus: String, Codable, Sendable, CaseIterable {
    case marketed, discontinued, unknown
}

public struct BrandName: Codable, Sendable, Hashable {
    public let name: String
    /// US market status; `unknown` where no source we trust says.
    public let status: MarketStatus
    /// Whether the product combines the agent with another active ingredient (not a name of the agent alone).
    public let combination: Bool
    public let provenance: [Provenance]
    public let notes: [String]
}

public struct Product: Codable, Sendable, Hashable {
    public let name: String
    /// One of the agent's brand names; nil for generics.
    public let brand: String?
    public let form: String
    public let route: String
    public let strengths: [String]
    public let labeller: String?
    public let provenance: [Provenance]
    public let notes: [String]
}

/// The grade of an agent's effect in a tissue.
public enum Effect: String, Codable, Sendable, CaseIterable {
    case agonist
    case partialAgonist = "partial-agonist"
    case antagonist, mixed, neutral
    /// The agent acts on no receptor there (an enzyme inhibitor): the effect is described in the note.
    case notApplicable = "not-applicable"
}

/// The receptor an effect acts through: effects through different receptors are not comparable.
public enum Receptor: String, Codable, Sendable, CaseIterable {
    case estrogenReceptor = "estrogen-receptor"
    case androgenReceptor = "androgen-receptor"
    case progesteroneReceptor = "progesterone-receptor"
    case estrogenReceptorAfterAromatization = "estrogen-receptor-after-aromatization"
    case none
}

public struct TissueEffect: Codable, Sendable, Hashable {
    public let tissue: String
    public let effect: Effect
    public let receptor: Receptor
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
    /// Unique within the agent; what a dose's `uses` names.
    public let id: String
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

/// What a dosing entry is: a dose of a product label, or what the source document claims.
public enum DosingBasis: String, Codable, Sendable, CaseIterable {
    case label
    /// Served as what the source claims, never as a dose to follow; always qualified by a note.
    case sourceClaim = "source-claim"
}

/// A route and dose. A concentration is not a dose: where the source gives no dose, `dose` is nil.
public struct Dosing: Codable, Sendable, Hashable {
    public let basis: DosingBasis
    /// The labelled indication a `label` dose is for; nil for a source claim.
    public let indication: String?
    /// The ids of the agent's uses the dose is for: on-label uses read from a label for a `label` dose.
    public let uses: [String]
    public let product: String?
    public let population: String
    public let route: String
    public let description: String
    public let concentration: Quantity?
    public let volume: Quantity?
    public let dose: Quantity?
    public let frequency: String?
    public let duration: String?
    public let provenance: [Provenance]
    public let notes: [String]
}

public enum WarningStatus: String, Codable, Sendable, CaseIterable {
    /// The label carries it now.
    case current
    /// The label carries a revised version since `date`.
    case revised
    /// The label no longer carries it since `date`.
    case removed
}

/// A boxed warning as one product label carries it: labels of one ingredient can differ.
public struct BoxedWarning: Codable, Sendable, Hashable {
    public let product: String
    /// What the box is about, as slugs (`stroke`, `endometrial-cancer`, …).
    public let topics: [String]
    public let text: String
    /// The population or setting the box addresses; nil when it addresses all use.
    public let setting: String?
    public let status: WarningStatus
    /// The label revision that set `status`: `YYYY-MM-DD`, `YYYY-MM` or `YYYY`.
    public let date: String
    public let provenance: [Provenance]
    public let notes: [String]
}

/// A drug or class the labels name with this agent, and what they say about the combination.
public struct Interaction: Codable, Sendable, Hashable {
    /// The other drug or class (`warfarin-type (coumarin) anticoagulants`).
    public let interactant: String
    /// What happens or what the label says to do.
    public let text: String
    public let provenance: [Provenance]
    public let notes: [String]
}

public enum ScheduleCode: String, Codable, Sendable, CaseIterable {
    case notControlled = "not-controlled"
    case cii = "CII"
    case ciii = "CIII"
    case civ = "CIV"
    case cv = "CV"
}

/// The US controlled-substance schedule.
public struct Schedule: Codable, Sendable, Hashable {
    public let code: ScheduleCode
    public let text: String
    public let provenance: [Provenance]
    public let notes: [String]
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
    /// The code system's name for the code; nil where no stored record shows it.
    public let display: String?
    /// What the code names: the `parent` compound, its `salt`, or its `ester`.
    public let refersTo: String
    /// A source id (`code-list` or `label`).
    public let source: String
    public let verified: Bool
    public let note: String?
}

/// An ATC level-4 class: its code (`L02BA`), the WHO index's name for it and the source that gives it.
public struct ATCClass: Codable, Sendable, Hashable {
    public let code: String
    public let display: String
    public let source: String
}

extension MarketStatus: DecodingFallback { static var decodingFallback: Self { .unknown } }
extension Effect: DecodingFallback { static var decodingFallback: Self { .neutral } }
extension Receptor: DecodingFallback { static var decodingFallback: Self { .estrogenReceptor } }
extension LabelStatus: DecodingFallback { static var decodingFallback: Self { .notApproved } }
extension DosingBasis: DecodingFallback { static var decodingFallback: Self { .sourceClaim } }
extension WarningStatus: DecodingFallback { static var decodingFallback: Self { .current } }
extension ScheduleCode: DecodingFallback { static var decodingFallback: Self { .notControlled } }
