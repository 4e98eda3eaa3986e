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
        let assembler = FHIR.Coding(
            system: "http://terminology.hl7.org/CodeSystem/provenance-participant-type", code: "assembler",
            display: "Assembler")
        let provenance = FHIR.Provenance(
            header: header(
                "Provenance", provenanceID, source: "/v1/sources",
                Narrative.generated([.heading("Sources of \(target)")] + entities.map { .paragraph($0.display) })),
            target: [.to(target)], recorded: lastUpdated,
            agent: [.init(type: .coded(assembler), who: .displayed("hormone-therapy-api content editors"))],
            entity: entities.map { entity in
                .init(
                    role: "source",
                    what: FHIR.Reference(
                        identifier: FHIR.Identifier(system: FHIRView.sourceSystem, value: entity.value),
                        display: entity.display))
            })
        return FHIRView.Entry(id: provenanceID, resource: provenance.json, subject: target)
    }
}
