import ContentModel
import JSON

/// The content as HL7 FHIR R5 resources, built once from an immutable library: one
/// `MedicationKnowledge` per agent, `ClinicalUseDefinition`s for its labelled indications,
/// contraindications, boxed warnings and warnings, one `Citation` per reference, and the server's
/// `CapabilityStatement`. Only label-grounded facts are served here: the source article's claims and
/// regimens stay in `/v1`, where their editorial notes travel with them.
struct FHIRView: Sendable {
    static let contentType = "application/fhir+json; fhirVersion=5.0"
    /// The extension that names, on each resource, the `/v1/sources` records its facts come from.
    static let sourceExtension = "urn:hormone-therapy-api:fhir:source"

    enum ResourceType: String, CaseIterable, Sendable {
        case medicationKnowledge = "MedicationKnowledge"
        case clinicalUseDefinition = "ClinicalUseDefinition"
        case citation = "Citation"
    }

    /// A resource with what its searches match on.
    struct Entry: Sendable {
        let id: String
        var resource: JSONValue
        /// `system|code` tokens (MedicationKnowledge `code`).
        var codes: [(system: String, code: String)] = []
        /// `MedicationKnowledge/{id}` (ClinicalUseDefinition `subject`).
        var subject: String?
        /// ClinicalUseDefinition `type`.
        var type: String?
    }

    let basePath: String
    let capability: JSONValue
    let entries: [ResourceType: [Entry]]
    let byID: [ResourceType: [String: Entry]]

    init(library: Library, basePath: String) {
        self.basePath = basePath
        let builder = FHIRBuilder(library: library, basePath: basePath)
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
        self.entries = entries.mapValues { list in
            list.map { entry in
                var entry = entry
                entry.resource = entry.resource.withoutEmptyElements()
                return entry
            }
        }
        byID = self.entries.mapValues { list in
            Dictionary(list.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        }
        capability = builder.capabilityStatement().withoutEmptyElements()
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
        return .fhir(entry.resource, pretty: pretty)
    }

    /// `GET /fhir/metadata`.
    func capabilityStatement(_ request: FHIRRequest) throws(APIError) -> Body {
        .fhir(capability, pretty: try Self.format(try Self.readQuery(request)))
    }

    /// A read's query: `_format` and `_pretty`; anything else is an error, or ignored when lenient.
    private static func readQuery(_ request: FHIRRequest) throws(APIError) -> QueryParameters {
        let allowed = ["_format", "_pretty"]
        let (kept, ignored) = partition(request.query, allowed: allowed)
        if !request.lenient, let unknown = ignored.first { throw .unknownParameter(name: unknown, allowed: allowed) }
        return try QueryParameters(kept, allowed: allowed)
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
