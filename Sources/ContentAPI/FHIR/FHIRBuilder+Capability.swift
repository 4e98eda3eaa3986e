import ContentModel
import JSON

extension FHIRBuilder {
    /// What this server does, exactly: three resource types, read and search, with their parameters.
    func capabilityStatement() -> JSONValue {
        func resource(_ type: FHIRView.ResourceType, _ parameters: [(String, String, String)]) -> JSONValue {
            .object([
                ("type", .string(type.rawValue)),
                (
                    "interaction",
                    .array([.object([("code", .string("read"))]), .object([("code", .string("search-type"))])])
                ),
                (
                    "searchParam",
                    .array(
                        parameters.map {
                            .object([
                                ("name", .string($0.0)), ("type", .string($0.1)), ("documentation", .string($0.2)),
                            ])
                        })
                ),
            ])
        }
        let id = ("_id", "token", "The resource id.")
        return .object([
            ("resourceType", .string("CapabilityStatement")), ("id", .string("hormone-therapy-api")),
            ("meta", meta(source: "/")),
            (
                "text",
                Narrative.generated([
                    .heading("hormone-therapy-api FHIR R5 view"),
                    .paragraph("Read and search MedicationKnowledge, ClinicalUseDefinition and Citation; JSON only."),
                ])
            ),
            ("name", .string("HormoneTherapyAPI")), ("title", .string(library.metadata.title)),
            ("status", .string("active")), ("date", .string(library.metadata.lastReviewed)),
            ("description", .string(library.metadata.disclaimer)),
            ("kind", .string("instance")), ("fhirVersion", .string("5.0.0")),
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
                                    [id, ("code", "token", "ATC, RxNorm or UNII code: system|code, |code or code.")]),
                                resource(
                                    .clinicalUseDefinition,
                                    [
                                        id, ("subject", "reference", "MedicationKnowledge/{id} or {id}."),
                                        (
                                            "type", "token",
                                            "indication | contraindication | warning | interaction | undesirable-effect"
                                        ),
                                    ]),
                                resource(.citation, [id]),
                            ])
                        ),
                    ])
                ])
            ),
        ])
    }
}
