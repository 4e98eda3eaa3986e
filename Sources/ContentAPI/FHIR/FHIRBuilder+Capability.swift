import ContentModel
import JSON

extension FHIRBuilder {
    /// The canonical URL of a standard search parameter (R5).
    private static func definition(_ name: String) -> String {
        "http://hl7.org/fhir/SearchParameter/\(name)"
    }

    /// What this server does, exactly: three resource types, read (conditional, versioned) and search,
    /// with their parameters and the standard definitions they implement.
    func capabilityStatement() -> JSONValue {
        func resource(_ type: FHIRView.ResourceType, _ parameters: [(String, String, String, String)]) -> JSONValue {
            .object([
                ("type", .string(type.rawValue)),
                (
                    "interaction",
                    .array([.object([("code", .string("read"))]), .object([("code", .string("search-type"))])])
                ),
                // `meta.versionId` is each resource's version and its ETag; If-None-Match and
                // If-Modified-Since both answer 304.
                ("versioning", .string("versioned")), ("readHistory", .bool(false)),
                ("conditionalRead", .string("full-support")),
                (
                    "searchParam",
                    .array(
                        parameters.map {
                            .object([
                                ("name", .string($0.0)), ("definition", .string(Self.definition($0.1))),
                                ("type", .string($0.2)), ("documentation", .string($0.3)),
                            ])
                        })
                ),
            ])
        }
        let id = ("_id", "Resource-id", "token", "The resource id; comma-separated (OR), repeated (AND).")
        return .object([
            ("resourceType", .string("CapabilityStatement")), ("id", .string("hormone-therapy-api")),
            ("meta", meta(source: "/")),
            (
                "text",
                Narrative.generated([
                    .heading("hormone-therapy-api FHIR R5 view"),
                    .paragraph(
                        "Read and search MedicationKnowledge, ClinicalUseDefinition, Citation and the Provenance of "
                            + "each; JSON only."),
                ])
            ),
            ("name", .string("HormoneTherapyAPI")), ("title", .string(library.metadata.title)),
            ("status", .string("active")), ("date", .string(library.metadata.lastReviewed)),
            ("description", .string(library.metadata.disclaimer)),
            ("kind", .string("instance")),
            (
                "software",
                .object([("name", .string("hormone-therapy-api")), ("version", .string(ServiceVersion.current))])
            ),
            ("fhirVersion", .string("5.0.0")),
            ("format", .array([.string("json")])),
            (
                "implementation",
                .object([("description", .string("hormone-therapy-api, read-only FHIR R5 view of its content"))])
            ),
            (
                "rest",
                .array([
                    .object([
                        ("mode", .string("server")),
                        (
                            "resource",
                            .array([
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
                        ),
                    ])
                ])
            ),
        ])
    }

    /// `metadata?mode=terminology`: the code systems this server's codings and token searches use. It
    /// is not a terminology service: it only says which systems a client will meet here.
    func terminologyCapabilities(systems: [String]) -> JSONValue {
        .object([
            ("resourceType", .string("TerminologyCapabilities")), ("id", .string("hormone-therapy-api")),
            ("meta", meta(source: "/")),
            (
                "text",
                Narrative.generated([
                    .heading("Code systems of the hormone-therapy-api FHIR R5 view"),
                    .paragraph("Codings and token searches use: " + systems.joined(separator: ", ") + "."),
                ])
            ),
            ("name", .string("HormoneTherapyAPITerminology")), ("status", .string("active")),
            ("date", .string(library.metadata.lastReviewed)), ("kind", .string("instance")),
            (
                "software",
                .object([("name", .string("hormone-therapy-api")), ("version", .string(ServiceVersion.current))])
            ),
            // No content: this server holds none of these terminologies, it only uses their codes.
            (
                "codeSystem",
                .array(systems.map { .object([("uri", .string($0)), ("content", .string("not-present"))]) })
            ),
        ])
    }
}
