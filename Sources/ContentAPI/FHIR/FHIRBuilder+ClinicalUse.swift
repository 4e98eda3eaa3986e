import ContentModel
import JSON

extension FHIRBuilder {
    /// The agent's labelled indications (on-label uses read from a label), contraindications, boxed
    /// warnings and key warnings, one `ClinicalUseDefinition` each.
    func clinicalUses(_ agent: Agent) -> [FHIRView.Entry] {
        var entries: [FHIRView.Entry] = []
        func add(
            _ type: String, _ index: Int, _ title: String, _ provenance: [Provenance], _ body: [(String, JSONValue)],
            status: (code: String, text: String) = ("active", "current")
        ) {
            let id = "\(agent.id)-\(type)-\(index + 1)"
            var fields: [(String, JSONValue)] = [
                ("resourceType", .string("ClinicalUseDefinition")), ("id", .string(id)),
                ("meta", meta(source: "/v1/agents/\(agent.id)")),
                ("text", Narrative.generated([.heading("\(agent.name): \(type)"), .paragraph(title)])),
                ("type", .string(type)),
                ("subject", .array([Self.reference("MedicationKnowledge/\(agent.id)")])),
                ("status", Self.publicationStatus(status.code, text: status.text)),
            ]
            fields += body
            entries.append(
                FHIRView.Entry(
                    id: id, resource: .object(fields), subject: "MedicationKnowledge/\(agent.id)", type: type,
                    sources: provenance))
        }
        for (index, use) in library.labelledUses(of: agent).enumerated() {
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
                    ("category", .array([Self.warningCategory("boxed-warning", "Boxed warning")])),
                    (
                        "warning",
                        .object([
                            ("description", .string(description)),
                            ("code", Self.text(boxed.topics.joined(separator: ", "))),
                        ])
                    ),
                ],
                // A removed box is retired: a program filtering on status no longer takes it as current.
                status: boxed.status == .removed
                    ? ("retired", "removed from the label as of \(boxed.date)")
                    : boxed.status == .revised
                        ? ("active", "revised on the label as of \(boxed.date)") : ("active", "current"))
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
                    ("category", .array([Self.warningCategory("warning-or-precaution", "Warning or precaution")])),
                    ("warning", .object([("description", .string(fact.text))])),
                ])
        }
        return entries
    }

    /// The kind of warning, coded: R5's example category value set has no code for a US boxed warning,
    /// so the codes are this server's own (`urn:hormone-therapy-api:warning-category`), which
    /// `metadata?mode=terminology` lists.
    static let warningCategorySystem = "urn:hormone-therapy-api:warning-category"

    static func warningCategory(_ code: String, _ display: String) -> JSONValue {
        .object([
            (
                "coding",
                .array([
                    .object([
                        ("system", .string(warningCategorySystem)), ("code", .string(code)),
                        ("display", .string(display)),
                    ])
                ])
            ),
            ("text", .string(display.lowercased())),
        ])
    }

    /// A `status` coded in publication-status (R5 binds ClinicalUseDefinition.status to it, preferred),
    /// with what the label did as text.
    static func publicationStatus(_ code: String, text: String) -> JSONValue {
        .object([
            (
                "coding",
                .array([
                    .object([
                        ("system", .string("http://hl7.org/fhir/publication-status")), ("code", .string(code)),
                        ("display", .string(code == "retired" ? "Retired" : "Active")),
                    ])
                ])
            ),
            ("text", .string(text)),
        ])
    }
}
