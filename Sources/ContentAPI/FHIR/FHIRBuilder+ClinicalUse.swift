import ContentModel
import JSON

extension FHIRBuilder {
    /// The agent's labelled indications (on-label uses read from a label), contraindications, boxed
    /// warnings and key warnings, one `ClinicalUseDefinition` each.
    func clinicalUses(_ agent: Agent) -> [FHIRView.Entry] {
        var entries: [FHIRView.Entry] = []
        func add(
            _ type: String, _ index: Int, _ title: String, _ provenance: [Provenance], _ body: [(String, JSONValue)]
        ) {
            let id = "\(agent.id)-\(type)-\(index + 1)"
            var fields: [(String, JSONValue)] = [
                ("resourceType", .string("ClinicalUseDefinition")), ("id", .string(id)),
                ("meta", meta(source: "/v1/agents/\(agent.id)")),
                ("text", Narrative.generated([.heading("\(agent.name): \(type)"), .paragraph(title)])),
                ("extension", sourceExtensions(provenance)),
                ("type", .string(type)),
                ("subject", .array([Self.reference("MedicationKnowledge/\(agent.id)")])),
            ]
            fields += body
            entries.append(
                FHIRView.Entry(
                    id: id, resource: .object(fields), subject: "MedicationKnowledge/\(agent.id)", type: type))
        }
        let labelled = agent.uses.filter { use in
            use.labelStatus == .onLabel && use.provenance.contains { library.sourcesByID[$0.source]?.kind == .label }
        }
        for (index, use) in labelled.enumerated() {
            add(
                "indication", index, "\(use.description) Population: \(use.population).", use.provenance,
                [
                    (
                        "contained",
                        .array([
                            .object([
                                ("resourceType", .string("Group")), ("id", .string("population")),
                                ("type", .string("person")), ("membership", .string("definitional")),
                                ("name", .string(use.population)),
                            ])
                        ])
                    ),
                    (
                        "indication",
                        .object([("diseaseSymptomProcedure", .object([("concept", Self.text(use.description))]))])
                    ),
                    ("population", .array([Self.reference("#population")])),
                ])
        }
        for (index, fact) in agent.contraindications.enumerated() {
            add(
                "contraindication", index, fact.text, fact.provenance,
                [
                    (
                        "contraindication",
                        .object([("diseaseSymptomProcedure", .object([("concept", Self.text(fact.text))]))])
                    )
                ])
        }
        for (index, boxed) in agent.boxedWarnings.enumerated() {
            var description =
                "Boxed warning on the \(boxed.product) label, \(boxed.status.rawValue) as of \(boxed.date): "
            description += boxed.text
            if let setting = boxed.setting { description += " Setting: \(setting)" }
            add(
                "warning", index, description, boxed.provenance,
                [
                    ("category", .array([Self.text("boxed warning")])),
                    ("status", Self.text(boxed.status == .current ? "current" : boxed.status.rawValue)),
                    (
                        "warning",
                        .object([
                            ("description", .string(description)),
                            ("code", Self.text(boxed.topics.joined(separator: ", "))),
                        ])
                    ),
                ])
        }
        for (index, interaction) in agent.interactions.enumerated() {
            add(
                "interaction", index, "With \(interaction.interactant): \(interaction.text)", interaction.provenance,
                [
                    (
                        "interaction",
                        .object([
                            (
                                "interactant",
                                .array([.object([("itemCodeableConcept", Self.text(interaction.interactant))])])
                            ),
                            ("effect", .object([("concept", Self.text(interaction.text))])),
                        ])
                    )
                ])
        }
        let offset = agent.boxedWarnings.count
        for (index, fact) in agent.warnings.enumerated() {
            add(
                "warning", offset + index, fact.text, fact.provenance,
                [
                    ("category", .array([Self.text("warning or precaution")])),
                    ("warning", .object([("description", .string(fact.text))])),
                ])
        }
        return entries
    }

    /// A reference as a `Citation`: the corrected work where the fact check identified one, else the
    /// citation as given; identifiers only where confirmed.
    func citation(_ reference: Reference) -> FHIRView.Entry {
        let work = reference.corrected ?? reference.citedAs
        var identifiers: [JSONValue] = []
        if let doi = work.doi {
            identifiers.append(.object([("system", .string("https://doi.org")), ("value", .string(doi))]))
        }
        if let pmid = work.pmid {
            identifiers.append(
                .object([("system", .string("https://pubmed.ncbi.nlm.nih.gov")), ("value", .string(pmid))]))
        }
        var form: [(String, JSONValue)] = [
            (
                "publishedIn",
                .object(
                    [("title", .string(work.container))]
                        + (work.publisher.map { [("publisher", Self.displayed($0))] } ?? []))
            ),
            ("publicationDateText", .string(String(work.year))),
        ]
        if let volume = work.volume { form.append(("volume", .string(volume))) }
        if let issue = work.issue { form.append(("issue", .string(issue))) }
        if let pages = work.pages { form.append(("pageString", .string(pages))) }
        var artifact: [(String, JSONValue)] = [
            ("title", .array([.object([("text", .string(work.title))])])),
            ("publicationForm", .array([.object(form)])),
        ]
        if !identifiers.isEmpty { artifact.append(("identifier", .array(identifiers))) }
        if !work.authors.isEmpty {
            artifact.append(
                (
                    "contributorship",
                    .object([("entry", .array(work.authors.map { .object([("contributor", Self.displayed($0))]) }))])
                ))
        }
        let resource = JSONValue.object([
            ("resourceType", .string("Citation")), ("id", .string(reference.id)),
            ("meta", meta(source: "/v1/references/\(reference.id)")),
            ("text", Narrative.generated([.heading(work.title), .paragraph(reference.verdictNote)])),
            ("status", .string("active")), ("title", .string(work.title)),
            ("note", .array([.object([("text", .string(reference.verdictNote))])])),
            ("citedArtifact", .object(artifact)),
        ])
        return FHIRView.Entry(id: reference.id, resource: resource)
    }

    private static func displayed(_ name: String) -> JSONValue { .object([("display", .string(name))]) }

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
