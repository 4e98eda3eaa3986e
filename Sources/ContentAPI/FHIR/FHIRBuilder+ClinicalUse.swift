import ContentModel
import JSON

extension FHIRBuilder {
    /// The agent's labelled indications (on-label uses read from a label), contraindications, boxed
    /// warnings and key warnings, one `ClinicalUseDefinition` each.
    func clinicalUses(_ agent: Agent) -> [FHIRView.Entry] {
        typealias Definition = FHIR.ClinicalUseDefinition
        var entries: [FHIRView.Entry] = []
        let subject = "MedicationKnowledge/\(agent.id)"
        /// A definition of `type` with its title and status; `fill` sets what its type carries.
        func add(
            _ type: String, _ index: Int, _ title: String, _ provenance: [Provenance],
            status: (code: String, text: String) = ("active", "current"), _ fill: (inout Definition) -> Void
        ) {
            let id = "\(agent.id)-\(type)-\(index + 1)"
            var definition = Definition(
                header: header(
                    "ClinicalUseDefinition", id, source: "/v1/agents/\(agent.id)",
                    Narrative.generated([.heading("\(agent.name): \(type)"), .paragraph(title)])),
                type: type, subject: [.to(subject)], status: Self.publicationStatus(status.code, text: status.text))
            fill(&definition)
            entries.append(
                FHIRView.Entry(id: id, resource: definition.json, subject: subject, type: type, sources: provenance))
        }
        for (index, use) in library.labelledUses(of: agent).enumerated() {
            add("indication", index, "\(use.description) Population: \(use.population).", use.provenance) {
                $0.contained = [Definition.Group(id: "population", name: use.population)]
                $0.indication = Definition.Condition(diseaseSymptomProcedure: .init(concept: .text(use.description)))
                $0.population = [.to("#population")]
            }
        }
        for (index, fact) in agent.contraindications.enumerated() {
            add("contraindication", index, fact.text, fact.provenance) {
                $0.contraindication = Definition.Condition(diseaseSymptomProcedure: .init(concept: .text(fact.text)))
            }
        }
        for (index, boxed) in agent.boxedWarnings.enumerated() {
            var description =
                "Boxed warning on the \(boxed.product) label, \(boxed.status.rawValue) as of \(boxed.date): "
            description += boxed.text
            if let setting = boxed.setting { description += " Setting: \(setting)" }
            // A removed box is retired: a program filtering on status no longer takes it as current.
            let status =
                boxed.status == .removed
                ? ("retired", "removed from the label as of \(boxed.date)")
                : boxed.status == .revised
                    ? ("active", "revised on the label as of \(boxed.date)") : ("active", "current")
            add("warning", index, description, boxed.provenance, status: status) {
                $0.category = [Self.warningCategory("boxed-warning", "Boxed warning")]
                $0.warning = Definition.Warning(
                    description: description, code: .text(boxed.topics.joined(separator: ", ")))
            }
        }
        for (index, interaction) in agent.interactions.enumerated() {
            add("interaction", index, "With \(interaction.interactant): \(interaction.text)", interaction.provenance) {
                $0.interaction = Definition.Interaction(
                    interactant: [.init(itemCodeableConcept: .text(interaction.interactant))],
                    effect: .init(concept: .text(interaction.text)))
            }
        }
        let offset = agent.boxedWarnings.count
        for (index, fact) in agent.warnings.enumerated() {
            add("warning", offset + index, fact.text, fact.provenance) {
                $0.category = [Self.warningCategory("warning-or-precaution", "Warning or precaution")]
                $0.warning = Definition.Warning(description: fact.text)
            }
        }
        return entries
    }

    /// The kind of warning, coded: R5's example category value set has no code for a US boxed warning,
    /// so the codes are this server's own (`urn:hormone-therapy-api:warning-category`), which
    /// `metadata?mode=terminology` lists.
    static let warningCategorySystem = "urn:hormone-therapy-api:warning-category"

    static func warningCategory(_ code: String, _ display: String) -> FHIR.CodeableConcept {
        .coded(FHIR.Coding(system: warningCategorySystem, code: code, display: display), text: display.lowercased())
    }

    /// A `status` coded in publication-status (R5 binds ClinicalUseDefinition.status to it, preferred),
    /// with what the label did as text.
    static func publicationStatus(_ code: String, text: String) -> FHIR.CodeableConcept {
        .coded(
            FHIR.Coding(
                system: "http://hl7.org/fhir/publication-status", code: code,
                display: code == "retired" ? "Retired" : "Active"),
            text: text)
    }
}
