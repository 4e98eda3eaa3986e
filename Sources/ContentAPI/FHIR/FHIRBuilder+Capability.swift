import ContentModel
import JSON

extension FHIRBuilder {
    /// The canonical URL of a standard search parameter (R5).
    private static func definition(_ name: String) -> String {
        "http://hl7.org/fhir/SearchParameter/\(name)"
    }

    private static let software = FHIR.Software(name: "hormone-therapy-api", version: ServiceVersion.current)

    /// What this server does, exactly: four resource types, read (conditional, versioned) and search,
    /// with their parameters and the standard definitions they implement. `implementation.url` is set
    /// per request (`FHIRView.capabilityStatement`).
    func capabilityStatement() -> JSONValue {
        typealias Statement = FHIR.CapabilityStatement
        func resource(_ type: FHIRView.ResourceType, _ parameters: [(String, String, String, String)])
            -> Statement.Resource
        {
            // `meta.versionId` is each resource's version and its ETag; If-None-Match and
            // If-Modified-Since both answer 304.
            Statement.Resource(
                type: type.rawValue, interaction: ["read", "search-type"], versioning: "versioned",
                readHistory: false, conditionalRead: "full-support",
                searchParam: parameters.map {
                    Statement.SearchParameter(
                        name: $0.0, definition: Self.definition($0.1), type: $0.2, documentation: $0.3)
                })
        }
        let id = ("_id", "Resource-id", "token", "The resource id; comma-separated (OR), repeated (AND).")
        let statement = Statement(
            header: header(
                "CapabilityStatement", "hormone-therapy-api", source: "/",
                Narrative.generated([
                    .heading("hormone-therapy-api FHIR R5 view"),
                    .paragraph(
                        "Read and search MedicationKnowledge, ClinicalUseDefinition, Citation and the Provenance of "
                            + "each; JSON only."),
                ])),
            name: "HormoneTherapyAPI", title: library.metadata.title, status: "active",
            date: library.metadata.lastReviewed, description: library.metadata.disclaimer, kind: "instance",
            software: Self.software, fhirVersion: "5.0.0", format: ["json"],
            implementation: .init(description: "hormone-therapy-api, read-only FHIR R5 view of its content"),
            rest: [
                Statement.Rest(
                    mode: "server",
                    resource: [
                        resource(
                            .medicationKnowledge,
                            [
                                id,
                                (
                                    "code", "MedicationKnowledge-code", "token",
                                    "ATC, RxNorm or UNII code: system|code, system| (any code of the system) "
                                        + "or code; comma-separated (OR), repeated (AND)."
                                ),
                            ]),
                        resource(
                            .clinicalUseDefinition,
                            [
                                id,
                                (
                                    "subject", "ClinicalUseDefinition-subject", "reference",
                                    "MedicationKnowledge/{id}, {id} or its absolute URL here."
                                ),
                                (
                                    "type", "ClinicalUseDefinition-type", "token",
                                    "indication | contraindication | warning | interaction | undesirable-effect, "
                                        + "alone or with its system."
                                ),
                            ]),
                        resource(.citation, [id]),
                        resource(
                            .provenance,
                            [
                                id,
                                (
                                    "target", "Provenance-target", "reference",
                                    "The resource whose sources it names: Type/{id}, {id} or its absolute URL here."
                                ),
                            ]),
                    ])
            ])
        return statement.json
    }

    /// `metadata?mode=terminology`: the code systems this server's codings and token searches use. It
    /// is not a terminology service: it only says which systems a client will meet here.
    func terminologyCapabilities(systems: [String]) -> JSONValue {
        FHIR.TerminologyCapabilities(
            header: header(
                "TerminologyCapabilities", "hormone-therapy-api", source: "/",
                Narrative.generated([
                    .heading("Code systems of the hormone-therapy-api FHIR R5 view"),
                    .paragraph("Codings and token searches use: " + systems.joined(separator: ", ") + "."),
                ])),
            name: "HormoneTherapyAPITerminology", status: "active", date: library.metadata.lastReviewed,
            kind: "instance", software: Self.software,
            // No content: this server holds none of these terminologies, it only uses their codes.
            codeSystem: systems.map { .init(uri: $0, content: "not-present") }
        ).json
    }
}
