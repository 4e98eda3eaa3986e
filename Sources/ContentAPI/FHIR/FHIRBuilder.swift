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

    /// `versionId` is set once the resource is whole (`FHIRView.versioned`).
    func meta(source: String) -> JSONValue {
        .object([("lastUpdated", .string(lastUpdated)), ("source", .string(basePath + source))])
    }

    /// `YYYY-MM-DDThh:mm:ssZ` of seconds since 1970.
    static func instant(_ seconds: Int) -> String {
        let (year, month, day) = HTTPDate.civilDate(daysSince1970: seconds / 86_400)
        let time = seconds % 86_400
        func two(_ value: Int) -> String { value < 10 ? "0\(value)" : "\(value)" }
        return "\(year)-\(two(month))-\(two(day))T\(two(time / 3600)):\(two(time / 60 % 60)):\(two(time % 60))Z"
    }

    static func text(_ value: String) -> JSONValue { .object([("text", .string(value))]) }

    static func reference(_ target: String) -> JSONValue { .object([("reference", .string(target))]) }

    // MARK: MedicationKnowledge

    func medicationKnowledge(_ agent: Agent, clinicalUses: [String]) -> FHIRView.Entry {
        let codings = agent.identifiers.filter(\.verified).map { identifier -> JSONValue in
            .object(
                [("system", .string(identifier.system)), ("code", .string(identifier.code))]
                    + (identifier.display.map { [("display", .string($0))] } ?? []))
        }
        let agentClass = library.classesByID[agent.classID]?.name ?? agent.classID
        var fields: [(String, JSONValue)] = [
            ("resourceType", .string("MedicationKnowledge")), ("id", .string(agent.id)),
            ("meta", meta(source: "/v1/agents/\(agent.id)")),
            (
                "text",
                Narrative.generated([
                    .heading(agent.name), .paragraph(agent.summary), .paragraph("Mechanism: " + agent.mechanism.text),
                ])
            ),
            ("code", .object([("coding", .array(codings)), ("text", .string(agent.name))])),
            ("status", .string("active")),
            // A combination product's brand is not a name of this medication alone.
            (
                "name",
                .array(([agent.name] + agent.brandNames.filter { !$0.combination }.map(\.name)).map(JSONValue.string))
            ),
            (
                "intendedJurisdiction",
                .array([
                    .object([
                        (
                            "coding",
                            .array([.object([("system", .string("urn:iso:std:iso:3166")), ("code", .string("US"))])])
                        )
                    ])
                ])
            ),
            (
                "medicineClassification",
                .array([
                    .object([
                        ("type", Self.text("pharmacological class")),
                        ("classification", .array([Self.text(agentClass)])),
                    ]),
                    .object([
                        ("type", Self.text("ATC level 4: chemical, pharmacological or therapeutic subgroup")),
                        (
                            "classification",
                            .array([
                                .object([
                                    (
                                        "coding",
                                        .array([
                                            .object([
                                                ("system", .string("http://www.whocc.no/atc")),
                                                ("code", .string(agent.atcClass.code)),
                                                ("display", .string(agent.atcClass.display)),
                                            ])
                                        ])
                                    ),
                                    ("text", .string(agent.atcClass.display)),
                                ])
                            ])
                        ),
                    ]),
                ])
            ),
            ("clinicalUseIssue", .array(clinicalUses.map { Self.reference("ClinicalUseDefinition/\($0)") })),
            (
                "regulatory",
                .array([
                    .object([
                        ("regulatoryAuthority", .object([("display", .string("US Food and Drug Administration"))])),
                        ("schedule", .array([Self.text(agent.schedule.text)])),
                    ])
                ])
            ),
        ]
        let labelled = library.labelledUses(of: agent)
        let guidelines = agent.dosing.filter { $0.basis == .label }.map { indicationGuideline($0, agent, labelled) }
        if !guidelines.isEmpty { fields.append(("indicationGuideline", .array(guidelines))) }
        let related = library.agents.filter { $0.classID == agent.classID && $0.id != agent.id }
        if !related.isEmpty {
            fields.append(
                (
                    "relatedMedicationKnowledge",
                    .array([
                        .object([
                            ("type", Self.text("same pharmacological class")),
                            ("reference", .array(related.map { Self.reference("MedicationKnowledge/\($0.id)") })),
                        ])
                    ])
                ))
        }
        return FHIRView.Entry(
            id: agent.id, resource: .object(fields),
            codes: agent.identifiers.filter(\.verified).map { ($0.system, $0.code) },
            sources: agent.brandNames.flatMap(\.provenance)
                + agent.dosing.filter { $0.basis == .label }.flatMap(\.provenance)
                + agent.schedule.provenance + [Provenance(source: agent.atcClass.source, section: nil)]
                + agent.identifiers.filter(\.verified).map { Provenance(source: $0.source, section: nil) })
    }

    /// Each use the dose names: a reference to its indication `ClinicalUseDefinition` where the use is
    /// read from a label, its description where it is not (a use only a secondary source reports).
    private func indications(_ dose: Dosing, _ agent: Agent, _ labelled: [Use]) -> [JSONValue] {
        let uses = dose.uses.compactMap { id in agent.uses.first { $0.id == id } }
        guard !uses.isEmpty else { return [.object([("concept", Self.text(dose.indication ?? dose.population))])] }
        return uses.map { use in
            guard let index = labelled.firstIndex(of: use) else {
                return .object([("concept", Self.text(use.description))])
            }
            return .object([
                (
                    "reference",
                    .object([
                        ("reference", .string("ClinicalUseDefinition/\(agent.id)-indication-\(index + 1)")),
                        ("display", .string(use.description)),
                    ])
                )
            ])
        }
    }

    /// A label dose with its indication and population; the article's regimens are never here. The
    /// indication is the `ClinicalUseDefinition` of each labelled use the dose names.
    private func indicationGuideline(_ dose: Dosing, _ agent: Agent, _ labelled: [Use]) -> JSONValue {
        var dosage: [(String, JSONValue)] = [
            ("text", .string(dose.description)), ("route", Self.text(dose.route)),
        ]
        if let quantity = dose.dose {
            let rate: JSONValue =
                quantity.min == quantity.max
                ? .object([("doseQuantity", Self.quantity(quantity.min, quantity.unit))])
                : .object([
                    (
                        "doseRange",
                        .object([
                            ("low", Self.quantity(quantity.min, quantity.unit)),
                            ("high", Self.quantity(quantity.max, quantity.unit)),
                        ])
                    )
                ])
            dosage.append(("doseAndRate", .array([rate])))
        }
        let type = [dose.product, dose.frequency, dose.duration].compactMap { $0 }.joined(separator: "; ")
        return .object([
            ("indication", .array(indications(dose, agent, labelled))),
            (
                "dosingGuideline",
                .array([
                    .object([
                        (
                            "dosage",
                            .array([
                                .object([
                                    ("type", Self.text(type.isEmpty ? "label dose" : "label dose: " + type)),
                                    ("dosage", .array([.object(dosage)])),
                                ])
                            ])
                        ),
                        (
                            "patientCharacteristic",
                            .array([
                                .object([
                                    ("type", Self.text("population")),
                                    ("valueCodeableConcept", Self.text(dose.population)),
                                ])
                            ])
                        ),
                    ])
                ])
            ),
        ])
    }

    private static func quantity(_ value: Double, _ unit: String) -> JSONValue {
        .object([("value", .number(value)), ("unit", .string(unit))])
    }
}
