import ContentModel
import HTTP1
import JSON

/// Builds each FHIR R5 resource from the model. Every resource carries `meta` (its version, the
/// content's `Last-Modified` as `lastUpdated`, the `/v1` record as `source`) and a generated XHTML
/// narrative; the sources of its facts are its `Provenance` (`FHIRBuilder+Provenance`).
struct FHIRBuilder {
    let library: Library
    let basePath: String
    /// The content's `Last-Modified` as a FHIR instant.
    let lastUpdated: String

    /// What every resource opens with; `versionId` is set once the resource is whole
    /// (`FHIRView.versioned`).
    func header(_ type: String, _ id: String, source: String, _ text: FHIR.Narrative) -> FHIR.Header {
        FHIR.Header(
            resourceType: type, id: id, meta: FHIR.Meta(lastUpdated: lastUpdated, source: basePath + source), text: text
        )
    }

    /// `YYYY-MM-DDThh:mm:ssZ` of seconds since 1970.
    static func instant(_ seconds: Int) -> String {
        let (year, month, day) = HTTPDate.civilDate(daysSince1970: seconds / 86_400)
        let time = seconds % 86_400
        func two(_ value: Int) -> String { value < 10 ? "0\(value)" : "\(value)" }
        return "\(year)-\(two(month))-\(two(day))T\(two(time / 3600)):\(two(time / 60 % 60)):\(two(time % 60))Z"
    }

    // MARK: MedicationKnowledge

    func medicationKnowledge(_ agent: Agent, clinicalUses: [String]) -> FHIRView.Entry {
        typealias Knowledge = FHIR.MedicationKnowledge
        let codings = agent.identifiers.filter(\.verified).map {
            FHIR.Coding(system: $0.system, code: $0.code, display: $0.display)
        }
        let agentClass = library.classesByID[agent.classID]?.name ?? agent.classID
        let atc = FHIR.Coding(
            system: "http://www.whocc.no/atc", code: agent.atcClass.code, display: agent.atcClass.display)
        let labelled = library.labelledUses(of: agent)
        let related = library.agents.filter { $0.classID == agent.classID && $0.id != agent.id }
        let knowledge = Knowledge(
            header: header(
                "MedicationKnowledge", agent.id, source: "/v1/agents/\(agent.id)",
                Narrative.generated([
                    .heading(agent.name), .paragraph(agent.summary), .paragraph("Mechanism: " + agent.mechanism.text),
                ])),
            code: FHIR.CodeableConcept(coding: codings, text: agent.name),
            status: "active",
            // A combination product's brand is not a name of this medication alone.
            name: [agent.name] + agent.brandNames.filter { !$0.combination }.map(\.name),
            intendedJurisdiction: [.coded(FHIR.Coding(system: "urn:iso:std:iso:3166", code: "US"))],
            medicineClassification: [
                Knowledge.Classification(type: .text("pharmacological class"), classification: [.text(agentClass)]),
                Knowledge.Classification(
                    type: .text("ATC level 4: chemical, pharmacological or therapeutic subgroup"),
                    classification: [.coded(atc, text: agent.atcClass.display)]),
            ],
            clinicalUseIssue: clinicalUses.map { .to("ClinicalUseDefinition/\($0)") },
            regulatory: [
                Knowledge.Regulatory(
                    regulatoryAuthority: .displayed("US Food and Drug Administration"),
                    schedule: [.text(agent.schedule.text)])
            ],
            indicationGuideline: agent.dosing.filter { $0.basis == .label }.map {
                indicationGuideline($0, agent, labelled)
            },
            relatedMedicationKnowledge: related.isEmpty
                ? []
                : [
                    Knowledge.Related(
                        type: .text("same pharmacological class"),
                        reference: related.map { .to("MedicationKnowledge/\($0.id)") })
                ])
        return FHIRView.Entry(
            id: agent.id, resource: knowledge.json,
            codes: agent.identifiers.filter(\.verified).map { ($0.system, $0.code) },
            sources: agent.brandNames.flatMap(\.provenance)
                + agent.dosing.filter { $0.basis == .label }.flatMap(\.provenance)
                + agent.schedule.provenance + [Provenance(source: agent.atcClass.source, section: nil)]
                + agent.identifiers.filter(\.verified).map { Provenance(source: $0.source, section: nil) })
    }

    /// Each use the dose names: a reference to its indication `ClinicalUseDefinition` where the use is
    /// read from a label, its description where it is not (a use only a secondary source reports).
    private func indications(_ dose: Dosing, _ agent: Agent, _ labelled: [Use]) -> [FHIR.CodeableReference] {
        let uses = dose.uses.compactMap { id in agent.uses.first { $0.id == id } }
        guard !uses.isEmpty else { return [FHIR.CodeableReference(concept: .text(dose.indication ?? dose.population))] }
        return uses.map { use in
            guard let index = labelled.firstIndex(of: use) else {
                return FHIR.CodeableReference(concept: .text(use.description))
            }
            return FHIR.CodeableReference(
                reference: FHIR.Reference(
                    reference: "ClinicalUseDefinition/\(agent.id)-indication-\(index + 1)", display: use.description))
        }
    }

    /// A label dose with its indication and population; the article's regimens are never here. The
    /// indication is the `ClinicalUseDefinition` of each labelled use the dose names.
    private func indicationGuideline(_ dose: Dosing, _ agent: Agent, _ labelled: [Use])
        -> FHIR.MedicationKnowledge.IndicationGuideline
    {
        typealias Knowledge = FHIR.MedicationKnowledge
        var rate: [Knowledge.DoseAndRate] = []
        if let quantity = dose.dose {
            let low = FHIR.Quantity(value: quantity.min, unit: quantity.unit)
            let high = FHIR.Quantity(value: quantity.max, unit: quantity.unit)
            rate.append(
                quantity.min == quantity.max
                    ? Knowledge.DoseAndRate(doseQuantity: low)
                    : Knowledge.DoseAndRate(doseRange: FHIR.Range(low: low, high: high)))
        }
        let type = [dose.product, dose.frequency, dose.duration].compactMap { $0 }.joined(separator: "; ")
        return Knowledge.IndicationGuideline(
            indication: indications(dose, agent, labelled),
            dosingGuideline: [
                Knowledge.DosingGuideline(
                    dosage: [
                        Knowledge.DosageGroup(
                            type: .text(type.isEmpty ? "label dose" : "label dose: " + type),
                            dosage: [
                                Knowledge.Dosage(text: dose.description, route: .text(dose.route), doseAndRate: rate)
                            ])
                    ],
                    patientCharacteristic: [
                        Knowledge.PatientCharacteristic(
                            type: .text("population"), valueCodeableConcept: .text(dose.population))
                    ])
            ])
    }
}
