import ContentModel
import JSON

extension FHIRBuilder {
    /// Where a resource's facts come from, as FHIR says it: a `Provenance` that targets the resource,
    /// assembled by this service, with one `source` entity per record of `/v1/sources` the facts name
    /// (a section of the source document named with its section). Nil when the facts name no source.
    func provenance(of type: FHIRView.ResourceType, _ id: String, sources: [Provenance]) -> FHIRView.Entry? {
        let items = sources.uniqued()
        guard !items.isEmpty else { return nil }
        let target = "\(type.rawValue)/\(id)"
        let entities = items.map { item -> (display: String, value: String) in
            let source = library.sourcesByID[item.source]
            var display = source?.title ?? item.source
            if let section = item.section {
                let title = source?.document.flatMap { library.documentsByID[$0] }?.sections
                    .first { $0.id == section }?.title
                display += ", section \"\(title ?? section)\""
            }
            return (display, item.section.map { "\(item.source)#\($0)" } ?? item.source)
        }
        let provenanceID = FHIRView.provenanceID(type, id)
        let resource = JSONValue.object([
            ("resourceType", .string("Provenance")), ("id", .string(provenanceID)),
            ("meta", meta(source: "/v1/sources")),
            (
                "text",
                Narrative.generated(
                    [.heading("Sources of \(target)")] + entities.map { .paragraph($0.display) })
            ),
            ("target", .array([Self.reference(target)])),
            ("recorded", .string(lastUpdated)),
            (
                "agent",
                .array([
                    .object([
                        (
                            "type",
                            .object([
                                (
                                    "coding",
                                    .array([
                                        .object([
                                            (
                                                "system",
                                                .string(
                                                    "http://terminology.hl7.org/CodeSystem/provenance-participant-type")
                                            ),
                                            ("code", .string("assembler")), ("display", .string("Assembler")),
                                        ])
                                    ])
                                )
                            ])
                        ),
                        ("who", .object([("display", .string("hormone-therapy-api content editors"))])),
                    ])
                ])
            ),
            (
                "entity",
                .array(
                    entities.map { entity in
                        .object([
                            ("role", .string("source")),
                            (
                                "what",
                                .object([
                                    (
                                        "identifier",
                                        .object([
                                            ("system", .string(FHIRView.sourceSystem)),
                                            ("value", .string(entity.value)),
                                        ])
                                    ),
                                    ("display", .string(entity.display)),
                                ])
                            ),
                        ])
                    })
            ),
        ])
        return FHIRView.Entry(id: provenanceID, resource: resource, subject: target)
    }
}
