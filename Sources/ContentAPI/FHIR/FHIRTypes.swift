import JSON

/// A FHIR element as JSON. Each type writes its elements once, here, in the order this server has
/// always written them (R5's order for the datatypes), and leaves out what is absent.
protocol FHIRElement: Sendable {
    var json: JSONValue { get }
}

extension JSONValue {
    /// A FHIR object from its elements in order; an absent element (nil, or an empty list) is left out:
    /// FHIR JSON has no nulls and no empty arrays (R5 §2.6.2).
    static func fhir(_ elements: [(String, (any FHIRElement)?)]) -> JSONValue {
        .object(
            elements.compactMap { key, element in
                guard let json = element?.json else { return nil }
                if case .array(let items) = json, items.isEmpty { return nil }
                return (key, json)
            })
    }
}

extension String: FHIRElement { var json: JSONValue { .string(self) } }
extension Bool: FHIRElement { var json: JSONValue { .bool(self) } }
extension Double: FHIRElement { var json: JSONValue { .number(self) } }
extension JSONValue: FHIRElement { var json: JSONValue { self } }
extension Array: FHIRElement where Element: FHIRElement { var json: JSONValue { .array(map(\.json)) } }

/// The R5 datatypes and resources this server serves, with the elements it fills.
enum FHIR {
    struct Coding: FHIRElement {
        var system: String
        var code: String
        var display: String?
        var json: JSONValue { .fhir([("system", system), ("code", code), ("display", display)]) }
    }

    struct CodeableConcept: FHIRElement {
        var coding: [Coding] = []
        var text: String?
        var json: JSONValue { .fhir([("coding", coding), ("text", text)]) }

        static func text(_ text: String) -> CodeableConcept { CodeableConcept(text: text) }
        static func coded(_ coding: Coding, text: String? = nil) -> CodeableConcept {
            CodeableConcept(coding: [coding], text: text)
        }
    }

    struct Identifier: FHIRElement {
        var type: CodeableConcept?
        var system: String
        var value: String
        var json: JSONValue { .fhir([("type", type), ("system", system), ("value", value)]) }
    }

    struct Reference: FHIRElement {
        var reference: String?
        var identifier: Identifier?
        var display: String?
        var json: JSONValue {
            .fhir([("reference", reference), ("identifier", identifier), ("display", display)])
        }

        static func to(_ target: String) -> Reference { Reference(reference: target) }
        static func displayed(_ display: String) -> Reference { Reference(display: display) }
    }

    struct CodeableReference: FHIRElement {
        var concept: CodeableConcept?
        var reference: Reference?
        var json: JSONValue { .fhir([("concept", concept), ("reference", reference)]) }
    }

    struct Quantity: FHIRElement {
        var value: Double
        var unit: String
        var json: JSONValue { .fhir([("value", value), ("unit", unit)]) }
    }

    struct Range: FHIRElement {
        var low: Quantity
        var high: Quantity
        var json: JSONValue { .fhir([("low", low), ("high", high)]) }
    }

    /// `versionId` is added once the resource is whole (`FHIRView.versioned`).
    struct Meta: FHIRElement {
        var lastUpdated: String
        var source: String
        var json: JSONValue { .fhir([("lastUpdated", lastUpdated), ("source", source)]) }
    }

    /// Well-formed XHTML in a `div` of the XHTML namespace, generated from the data (`Narrative`).
    struct Narrative: FHIRElement {
        var div: String
        var json: JSONValue { .fhir([("status", "generated"), ("div", div)]) }
    }

    struct Annotation: FHIRElement {
        var text: String
        var json: JSONValue { .fhir([("text", text)]) }
    }

    /// What every resource opens with: its type, id, `meta` and narrative.
    struct Header {
        var resourceType: String
        var id: String
        var meta: Meta
        var text: Narrative

        var elements: [(String, (any FHIRElement)?)] {
            [("resourceType", resourceType), ("id", id), ("meta", meta), ("text", text)]
        }
    }
}

// MARK: MedicationKnowledge

extension FHIR {
    struct MedicationKnowledge: FHIRElement {
        struct Classification: FHIRElement {
            var type: CodeableConcept
            var classification: [CodeableConcept]
            var json: JSONValue { .fhir([("type", type), ("classification", classification)]) }
        }

        struct Regulatory: FHIRElement {
            var regulatoryAuthority: Reference
            var schedule: [CodeableConcept]
            var json: JSONValue { .fhir([("regulatoryAuthority", regulatoryAuthority), ("schedule", schedule)]) }
        }

        struct IndicationGuideline: FHIRElement {
            var indication: [CodeableReference]
            var dosingGuideline: [DosingGuideline]
            var json: JSONValue { .fhir([("indication", indication), ("dosingGuideline", dosingGuideline)]) }
        }

        struct DosingGuideline: FHIRElement {
            var dosage: [DosageGroup]
            var patientCharacteristic: [PatientCharacteristic]
            var json: JSONValue { .fhir([("dosage", dosage), ("patientCharacteristic", patientCharacteristic)]) }
        }

        struct DosageGroup: FHIRElement {
            var type: CodeableConcept
            var dosage: [Dosage]
            var json: JSONValue { .fhir([("type", type), ("dosage", dosage)]) }
        }

        /// R5 `Dosage`, with the elements a label dose fills.
        struct Dosage: FHIRElement {
            var text: String
            var route: CodeableConcept
            var doseAndRate: [DoseAndRate]
            var json: JSONValue { .fhir([("text", text), ("route", route), ("doseAndRate", doseAndRate)]) }
        }

        struct DoseAndRate: FHIRElement {
            var doseRange: Range?
            var doseQuantity: Quantity?
            var json: JSONValue { .fhir([("doseRange", doseRange), ("doseQuantity", doseQuantity)]) }
        }

        struct PatientCharacteristic: FHIRElement {
            var type: CodeableConcept
            var valueCodeableConcept: CodeableConcept
            var json: JSONValue { .fhir([("type", type), ("valueCodeableConcept", valueCodeableConcept)]) }
        }

        struct Related: FHIRElement {
            var type: CodeableConcept
            var reference: [Reference]
            var json: JSONValue { .fhir([("type", type), ("reference", reference)]) }
        }

        var header: Header
        var code: CodeableConcept
        var status: String
        var name: [String]
        var intendedJurisdiction: [CodeableConcept]
        var medicineClassification: [Classification]
        var clinicalUseIssue: [Reference]
        var regulatory: [Regulatory]
        var indicationGuideline: [IndicationGuideline]
        var relatedMedicationKnowledge: [Related]

        var json: JSONValue {
            .fhir(
                header.elements + [
                    ("code", code), ("status", status), ("name", name), ("intendedJurisdiction", intendedJurisdiction),
                    ("medicineClassification", medicineClassification), ("clinicalUseIssue", clinicalUseIssue),
                    ("regulatory", regulatory), ("indicationGuideline", indicationGuideline),
                    ("relatedMedicationKnowledge", relatedMedicationKnowledge),
                ])
        }
    }
}

// MARK: ClinicalUseDefinition

extension FHIR {
    struct ClinicalUseDefinition: FHIRElement {
        /// The population of an indication, contained in it.
        struct Group: FHIRElement {
            var id: String
            var name: String
            var json: JSONValue {
                .fhir([
                    ("resourceType", "Group"), ("id", id), ("type", "person"), ("membership", "definitional"),
                    ("name", name),
                ])
            }
        }

        /// An indication's or a contraindication's condition.
        struct Condition: FHIRElement {
            var diseaseSymptomProcedure: CodeableReference
            var json: JSONValue { .fhir([("diseaseSymptomProcedure", diseaseSymptomProcedure)]) }
        }

        struct Interaction: FHIRElement {
            struct Interactant: FHIRElement {
                var itemCodeableConcept: CodeableConcept
                var json: JSONValue { .fhir([("itemCodeableConcept", itemCodeableConcept)]) }
            }
            var interactant: [Interactant]
            var effect: CodeableReference
            var json: JSONValue { .fhir([("interactant", interactant), ("effect", effect)]) }
        }

        struct Warning: FHIRElement {
            var description: String
            var code: CodeableConcept?
            var json: JSONValue { .fhir([("description", description), ("code", code)]) }
        }

        var header: Header
        var type: String
        var subject: [Reference]
        var status: CodeableConcept
        var contained: [Group] = []
        var category: [CodeableConcept] = []
        var contraindication: Condition?
        var indication: Condition?
        var interaction: Interaction?
        var population: [Reference] = []
        var warning: Warning?

        var json: JSONValue {
            .fhir(
                header.elements + [
                    ("type", type), ("subject", subject), ("status", status), ("contained", contained),
                    ("category", category), ("contraindication", contraindication), ("indication", indication),
                    ("interaction", interaction), ("population", population), ("warning", warning),
                ])
        }
    }
}

// MARK: Citation and Provenance

extension FHIR {
    struct Citation: FHIRElement {
        struct Artifact: FHIRElement {
            var title: [Title]
            var publicationForm: [PublicationForm]
            var identifier: [Identifier]
            var contributorship: Contributorship?
            var json: JSONValue {
                .fhir([
                    ("title", title), ("publicationForm", publicationForm), ("identifier", identifier),
                    ("contributorship", contributorship),
                ])
            }
        }

        struct Title: FHIRElement {
            var type: [CodeableConcept]
            var text: String
            var json: JSONValue { .fhir([("type", type), ("text", text)]) }
        }

        struct PublicationForm: FHIRElement {
            struct PublishedIn: FHIRElement {
                var title: String
                var publisher: Reference?
                var json: JSONValue { .fhir([("title", title), ("publisher", publisher)]) }
            }
            var publishedIn: PublishedIn
            var publicationDateText: String
            var volume: String?
            var issue: String?
            var pageString: String?
            var json: JSONValue {
                .fhir([
                    ("publishedIn", publishedIn), ("publicationDateText", publicationDateText), ("volume", volume),
                    ("issue", issue), ("pageString", pageString),
                ])
            }
        }

        struct Contributorship: FHIRElement {
            struct Entry: FHIRElement {
                var contributor: Reference
                var json: JSONValue { .fhir([("contributor", contributor)]) }
            }
            var complete: Bool
            var entry: [Entry]
            var json: JSONValue { .fhir([("complete", complete), ("entry", entry)]) }
        }

        var header: Header
        var status: String
        var title: String
        var note: [Annotation]
        var citedArtifact: Artifact

        var json: JSONValue {
            .fhir(
                header.elements + [
                    ("status", status), ("title", title), ("note", note), ("citedArtifact", citedArtifact),
                ])
        }
    }

    struct Provenance: FHIRElement {
        struct Agent: FHIRElement {
            var type: CodeableConcept
            var who: Reference
            var json: JSONValue { .fhir([("type", type), ("who", who)]) }
        }

        struct Entity: FHIRElement {
            var role: String
            var what: Reference
            var json: JSONValue { .fhir([("role", role), ("what", what)]) }
        }

        var header: Header
        var target: [Reference]
        var recorded: String
        var agent: [Agent]
        var entity: [Entity]

        var json: JSONValue {
            .fhir(
                header.elements + [("target", target), ("recorded", recorded), ("agent", agent), ("entity", entity)])
        }
    }
}

// MARK: What the server says of itself, and Bundles

extension FHIR {
    struct Software: FHIRElement {
        var name: String
        var version: String
        var json: JSONValue { .fhir([("name", name), ("version", version)]) }
    }

    struct CapabilityStatement: FHIRElement {
        struct Implementation: FHIRElement {
            var description: String
            var url: String?
            var json: JSONValue { .fhir([("description", description), ("url", url)]) }
        }

        struct Rest: FHIRElement {
            var mode: String
            var resource: [Resource]
            var json: JSONValue { .fhir([("mode", mode), ("resource", resource)]) }
        }

        struct Resource: FHIRElement {
            var type: String
            var interaction: [String]
            var versioning: String
            var readHistory: Bool
            var conditionalRead: String
            var searchParam: [SearchParameter]
            var json: JSONValue {
                .fhir([
                    ("type", type), ("interaction", interaction.map { JSONValue.fhir([("code", $0)]) }),
                    ("versioning", versioning), ("readHistory", readHistory), ("conditionalRead", conditionalRead),
                    ("searchParam", searchParam),
                ])
            }
        }

        struct SearchParameter: FHIRElement {
            var name: String
            var definition: String
            var type: String
            var documentation: String
            var json: JSONValue {
                .fhir([("name", name), ("definition", definition), ("type", type), ("documentation", documentation)])
            }
        }

        var header: Header
        var name: String
        var title: String
        var status: String
        var date: String
        var description: String
        var kind: String
        var software: Software
        var fhirVersion: String
        var format: [String]
        var implementation: Implementation
        var rest: [Rest]

        var json: JSONValue {
            .fhir(
                header.elements + [
                    ("name", name), ("title", title), ("status", status), ("date", date), ("description", description),
                    ("kind", kind), ("software", software), ("fhirVersion", fhirVersion), ("format", format),
                    ("implementation", implementation), ("rest", rest),
                ])
        }
    }

    struct TerminologyCapabilities: FHIRElement {
        struct CodeSystem: FHIRElement {
            var uri: String
            var content: String
            var json: JSONValue { .fhir([("uri", uri), ("content", content)]) }
        }

        var header: Header
        var name: String
        var status: String
        var date: String
        var kind: String
        var software: Software
        var codeSystem: [CodeSystem]

        var json: JSONValue {
            .fhir(
                header.elements + [
                    ("name", name), ("status", status), ("date", date), ("kind", kind), ("software", software),
                    ("codeSystem", codeSystem),
                ])
        }
    }

    struct OperationOutcome: FHIRElement {
        var severity: String
        var code: String
        var diagnostics: String
        var json: JSONValue {
            .fhir([
                ("resourceType", "OperationOutcome"),
                ("issue", [JSONValue.fhir([("severity", severity), ("code", code), ("diagnostics", diagnostics)])]),
            ])
        }
    }
}

extension FHIR {
    /// A searchset Bundle: the total, its links, and a page of entries.
    struct Bundle: FHIRElement {
        struct Link: FHIRElement {
            var relation: String
            var url: String
            var json: JSONValue { .fhir([("relation", relation), ("url", url)]) }
        }

        struct Entry: FHIRElement {
            var fullUrl: String
            var resource: JSONValue
            var json: JSONValue {
                .fhir([("fullUrl", fullUrl), ("resource", resource), ("search", JSONValue.fhir([("mode", "match")]))])
            }
        }

        var total: Int
        var link: [Link]
        var entry: [Entry]
        /// Warnings about the search (e.g. parameters ignored under lenient handling).
        var issues: OperationOutcome?

        var json: JSONValue {
            .fhir([
                ("resourceType", "Bundle"), ("type", "searchset"), ("total", Double(total)), ("link", link),
                ("entry", entry), ("issues", issues),
            ])
        }
    }
}
