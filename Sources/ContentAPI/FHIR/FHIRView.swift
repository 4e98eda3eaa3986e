import ContentModel
import JSON

/// The content as HL7 FHIR R5 resources, built once from an immutable library: one
/// `MedicationKnowledge` per agent, `ClinicalUseDefinition`s for its labelled indications,
/// contraindications, boxed warnings and warnings, one `Citation` per reference, and the server's
/// `CapabilityStatement`. Only label-grounded facts are served here: the source article's claims and
/// regimens stay in `/v1`, where their editorial notes travel with them.
struct FHIRView: Sendable {
    static let contentType = "application/fhir+json; fhirVersion=5.0; charset=utf-8"
    /// The identifier system of a `/v1/sources` record (its id, `#section` for a document's section), as a
    /// `Provenance` entity names it.
    static let sourceSystem = "urn:hormone-therapy-api:source"

    enum ResourceType: String, CaseIterable, Sendable {
        case medicationKnowledge = "MedicationKnowledge"
        case clinicalUseDefinition = "ClinicalUseDefinition"
        case citation = "Citation"
        case provenance = "Provenance"

        /// The prefix of the id of the `Provenance` of a resource of this type.
        var provenancePrefix: String {
            switch self {
            case .medicationKnowledge: "mk"
            case .clinicalUseDefinition: "cud"
            case .citation: "cit"
            case .provenance: "prov"
            }
        }
    }

    /// The id of the `Provenance` that targets `type/id`.
    static func provenanceID(_ type: ResourceType, _ id: String) -> String { "\(type.provenancePrefix)-\(id)" }

    /// A resource with what its searches match on.
    struct Entry: Sendable {
        let id: String
        var resource: JSONValue
        /// `system|code` tokens (MedicationKnowledge `code`).
        var codes: [(system: String, code: String)] = []
        /// `MedicationKnowledge/{id}` (ClinicalUseDefinition `subject`), or `Type/{id}` (Provenance `target`).
        var subject: String?
        /// ClinicalUseDefinition `type`.
        var type: String?
        /// `meta.versionId`: a hash of the resource but its `meta`, so it moves only when the resource does.
        var version = ""
        /// The sources of the resource's facts: its `Provenance`.
        var sources: [Provenance] = []
    }

    let basePath: String
    let capability: JSONValue
    let capabilityVersion: String
    let terminology: JSONValue
    let terminologyVersion: String
    let entries: [ResourceType: [Entry]]
    let byID: [ResourceType: [String: Entry]]

    /// `lastUpdated`: seconds since 1970 of the content's `Last-Modified`, which every resource's
    /// `meta.lastUpdated` states.
    init(library: Library, basePath: String, lastUpdated: Int) {
        self.basePath = basePath
        let builder = FHIRBuilder(library: library, basePath: basePath, lastUpdated: FHIRBuilder.instant(lastUpdated))
        var entries: [ResourceType: [Entry]] = [:]
        entries[.clinicalUseDefinition] = library.agents.flatMap(builder.clinicalUses)
        entries[.medicationKnowledge] = library.agents.map { agent in
            builder.medicationKnowledge(
                agent,
                clinicalUses: (entries[.clinicalUseDefinition] ?? []).filter {
                    $0.subject == "MedicationKnowledge/\(agent.id)"
                }.map(\.id))
        }
        entries[.citation] = library.references.map(builder.citation)
        entries[.provenance] = [ResourceType.medicationKnowledge, .clinicalUseDefinition, .citation].flatMap { type in
            (entries[type] ?? []).compactMap { builder.provenance(of: type, $0.id, sources: $0.sources) }
        }
        self.entries = entries.mapValues { list in
            list.map { entry in
                var entry = entry
                (entry.resource, entry.version) = Self.versioned(entry.resource.withoutEmptyElements())
                return entry
            }
        }
        byID = self.entries.mapValues { list in
            Dictionary(list.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        }
        (capability, capabilityVersion) = Self.versioned(builder.capabilityStatement().withoutEmptyElements())
        (terminology, terminologyVersion) = Self.versioned(
            builder.terminologyCapabilities(systems: Self.codeSystems(library)).withoutEmptyElements())
    }

    /// The code systems the resources' codings and searches use.
    static func codeSystems(_ library: Library) -> [String] {
        (library.agents.flatMap { $0.identifiers.filter(\.verified).map(\.system) } + [
            clinicalUseTypeSystem, FHIRBuilder.warningCategorySystem,
        ]).uniqued()
    }

    /// The resource with `meta.versionId` set to a hash of everything but its `meta`, and that version.
    static func versioned(_ resource: JSONValue) -> (JSONValue, String) {
        let version = FNV1a.hex(resource.removing("meta").encoded())
        var meta: [(String, JSONValue)] = [("versionId", .string(version))]
        if case .object(let fields, let order)? = resource["meta"] {
            meta += order.compactMap { key in fields[key].map { (key, $0) } }
        }
        return (resource.setting("meta", .object(meta)), version)
    }

    func ids(_ type: ResourceType) -> [String] { (entries[type] ?? []).map(\.id) }

    /// `GET /fhir/{type}/{id}`: the resource; `_format` and `_pretty` are the only parameters.
    func read(_ type: ResourceType, id: String, _ request: FHIRRequest) throws(APIError) -> Body {
        let pretty = try Self.format(try Self.readQuery(request))
        guard let entry = byID[type]?[id] else {
            throw .notFound(
                kind: type.rawValue, id: id,
                suggestions: ContentService.suggestions(for: id, among: ids(type)))
        }
        return .fhir(entry.resource, pretty: pretty, version: entry.version)
    }

    /// `GET /fhir/metadata`: the CapabilityStatement (`mode` `full` or `normative`, the same here), or with
    /// `mode=terminology` the TerminologyCapabilities.
    func capabilityStatement(_ request: FHIRRequest) throws(APIError) -> Body {
        let query = try FHIRQuery(request.query, allowed: ["mode", "_format", "_pretty"], lenient: request.lenient)
        let pretty = try Self.format(query)
        if try query.choice("mode", ["full", "normative", "terminology"]) == "terminology" {
            return .fhir(terminology, pretty: pretty, version: terminologyVersion)
        }
        // `implementation.url` is this server's FHIR base as the client reached it (R5: "base URL for
        // the implementation"), so the statement is made per origin, like a search's links.
        guard !request.origin.isEmpty, let implementation = capability["implementation"] else {
            return .fhir(capability, pretty: pretty, version: capabilityVersion)
        }
        let statement = capability.setting(
            "implementation", implementation.setting("url", .string(request.origin + basePath + "/fhir")))
        return .fhir(statement, pretty: pretty, version: capabilityVersion)
    }

    /// A read's query: `_format` and `_pretty`; anything else is an error, or ignored when lenient.
    private static func readQuery(_ request: FHIRRequest) throws(APIError) -> FHIRQuery {
        try FHIRQuery(request.query, allowed: ["_format", "_pretty"], lenient: request.lenient)
    }
}

extension JSONValue {
    /// The value without empty arrays and objects: FHIR JSON never has them (an element with no value
    /// is left out, R5 §2.6.2 "JSON representation").
    func withoutEmptyElements() -> JSONValue {
        switch self {
        case .object(let fields, let order):
            var kept: [(String, JSONValue)] = []
            for key in order {
                guard let value = fields[key]?.withoutEmptyElements() else { continue }
                switch value {
                case .array(let items) where items.isEmpty: continue
                case .object(let inner, _) where inner.isEmpty: continue
                default: kept.append((key, value))
                }
            }
            return .object(kept)
        case .array(let items): return .array(items.map { $0.withoutEmptyElements() })
        case .string, .number, .bool, .null: return self
        }
    }
}
