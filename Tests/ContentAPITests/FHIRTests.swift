import ContentAPI
import ContentModel
import Foundation
import HTTP1
import JSON
import Testing

/// The FHIR shapes these tests read, decoded as a client would.
private struct Reference: Decodable { let reference: String? }

/// Any element, when only how many there are matters.
private struct Element: Decodable {
    init(from decoder: any Decoder) throws {}
}

private struct Capability: Decodable {
    struct Rest: Decodable { let resource: [Resource] }
    struct Resource: Decodable {
        struct Parameter: Decodable { let name: String }
        let type: String
        let searchParam: [Parameter]?
    }
    let resourceType: String
    let fhirVersion: String
    let kind: String
    let rest: [Rest]
}

private struct Knowledge: Decodable {
    struct Classification: Decodable { let classification: [FHIRConcept]? }
    struct Meta: Decodable {
        let versionId: String
        let source: String
        let lastUpdated: String
    }
    struct Narrative: Decodable { let div: String }
    let code: FHIRConcept
    let medicineClassification: [Classification]
    let name: [String]?
    let meta: Meta
    let text: Narrative
    let indicationGuideline: [Guideline]?
    let clinicalUseIssue: [Reference]
}

/// A label dose's indications: references to indication ClinicalUseDefinitions, or text.
private struct Guideline: Decodable {
    struct Indication: Decodable {
        struct Target: Decodable {
            let reference: String
            let display: String
        }
        let reference: Target?
        let concept: FHIRConcept?
    }
    let indication: [Indication]
}

private struct Indication: Decodable {
    struct Body: Decodable {
        struct Symptom: Decodable { let concept: FHIRConcept }
        let diseaseSymptomProcedure: Symptom
    }
    let type: String
    let indication: Body
}

private struct Interaction: Decodable {
    struct Body: Decodable {
        struct Interactant: Decodable { let itemCodeableConcept: FHIRConcept }
        let interactant: [Interactant]
    }
    let interaction: Body
}

private struct Outcome: Decodable { let resourceType: String }

@Suite("The FHIR R5 view")
struct FHIRTests {
    static let fhirJSON = "application/fhir+json; fhirVersion=5.0; charset=utf-8"

    private func resource<T: Decodable>(
        _ type: T.Type, _ target: String, headers: [(String, String)] = [], responder: APIResponder = API.responder
    ) throws -> (HTTPResponse, T) {
        let response = try API.request(target, headers: headers, responder: responder)
        return (response, try JSONDecoder().decode(T.self, from: Data(response.body)))
    }

    @Test("metadata: an R5 instance CapabilityStatement listing exactly what is served")
    func metadata() throws {
        let (response, body) = try resource(Capability.self, "/fhir/metadata")
        #expect(response.status == .ok)
        #expect(response.headers["Content-Type"] == Self.fhirJSON)
        #expect(body.resourceType == "CapabilityStatement")
        #expect(body.fhirVersion == "5.0.0")
        #expect(body.kind == "instance")
        let rest = try #require(body.rest.first).resource
        let params = Dictionary(uniqueKeysWithValues: rest.map { ($0.type, ($0.searchParam ?? []).map(\.name)) })
        #expect(params["MedicationKnowledge"] == ["_id", "code"])
        #expect(params["ClinicalUseDefinition"] == ["_id", "subject", "type"])
        #expect(params["Citation"] == ["_id"])
    }

    @Test("an agent as MedicationKnowledge: verified codes, class, label doses only, its clinical uses")
    func medicationKnowledge() throws {
        let (response, body) = try resource(Knowledge.self, "/fhir/MedicationKnowledge/tamoxifen")
        #expect(response.status == .ok)
        #expect(response.headers["Content-Type"] == Self.fhirJSON)
        let coding = try #require(body.code.coding)
        #expect(coding.compactMap(\.code) == ["L02BA01", "094ZI81Y45", "7FRV7310N6", "10324"])
        #expect(coding.map(\.display) == ["tamoxifen", nil, "TAMOXIFEN CITRATE", "tamoxifen"])
        let atcCoding = try #require(body.medicineClassification.last?.classification?.first?.coding?.first)
        #expect(atcCoding.code == "L02BA" && atcCoding.display == "Anti-estrogens")
        let names = try #require(try resource(Knowledge.self, "/fhir/MedicationKnowledge/estradiol").1.name)
        #expect(names.contains("Estrace") && !names.contains("Bijuva") && !names.contains("Climara Pro"))
        #expect("W/\"\(body.meta.versionId)\"" == response.headers["ETag"])
        #expect(body.meta.source == "/v1/agents/tamoxifen")
        let instant = try #require(ISO8601DateFormatter().date(from: body.meta.lastUpdated))
        #expect(
            HTTPDate.format(secondsSince1970: Int(instant.timeIntervalSince1970)) == response.headers["Last-Modified"])
        #expect(body.text.div.hasPrefix(#"<div xmlns="http://www.w3.org/1999/xhtml">"#))
        let labelDoses = API.library.agentsByID["tamoxifen"]?.dosing.filter { $0.basis == .label } ?? []
        #expect(body.indicationGuideline?.count == labelDoses.count)
        #expect(body.clinicalUseIssue.contains { $0.reference == "ClinicalUseDefinition/tamoxifen-warning-1" })
    }

    @Test("a label dose's indication is the indication ClinicalUseDefinition of each use it doses")
    func indicationGuidelineReferences() throws {
        for agent in API.library.agents {
            let guidelines =
                try resource(Knowledge.self, "/fhir/MedicationKnowledge/\(agent.id)").1
                .indicationGuideline ?? []
            let labelDoses = agent.dosing.filter { $0.basis == .label }
            #expect(guidelines.count == labelDoses.count, "\(agent.id)")
            for (guideline, dose) in zip(guidelines, labelDoses) {
                #expect(guideline.indication.count == dose.uses.count, "\(agent.id): \(dose.uses)")
                for (indication, id) in zip(guideline.indication, dose.uses) {
                    let use = try #require(agent.uses.first { $0.id == id })
                    guard let target = indication.reference else {
                        // Only a use no label source reports (estradiol's tablets today) is text.
                        #expect(!API.library.labelledUses(of: agent).contains(use), "\(agent.id) \(id)")
                        #expect(indication.concept?.text == use.description)
                        continue
                    }
                    let (response, read) = try resource(Indication.self, "/fhir/\(target.reference)")
                    #expect(response.status == .ok, "\(target.reference)")
                    #expect(read.type == "indication")
                    #expect(read.indication.diseaseSymptomProcedure.concept.text == use.description)
                    #expect(target.display == use.description)
                }
            }
        }
        let tamoxifen = try #require(
            try resource(Knowledge.self, "/fhir/MedicationKnowledge/tamoxifen").1
                .indicationGuideline)
        #expect(
            tamoxifen.map { $0.indication.compactMap(\.reference?.reference) } == [
                ["ClinicalUseDefinition/tamoxifen-indication-1"], ["ClinicalUseDefinition/tamoxifen-indication-2"],
                ["ClinicalUseDefinition/tamoxifen-indication-2"], ["ClinicalUseDefinition/tamoxifen-indication-3"],
                ["ClinicalUseDefinition/tamoxifen-indication-4"],
            ])
    }

    @Test("FHIR JSON has no empty arrays or objects (raloxifene has no verified code: no empty coding)")
    func noEmptyElements() throws {
        func empty(_ value: JSONValue, _ path: String) -> [String] {
            switch value {
            case .object(let fields, let order):
                return fields.isEmpty ? [path] : order.flatMap { key in empty(fields[key] ?? .null, path + "." + key) }
            case .array(let items):
                return items.isEmpty
                    ? [path] : items.enumerated().flatMap { empty($0.element, "\(path)[\($0.offset)]") }
            default: return []
            }
        }
        var targets = ["/fhir/metadata", "/fhir/Citation?_count=100", "/fhir/ClinicalUseDefinition?_count=100"]
        targets += API.library.agents.map { "/fhir/MedicationKnowledge/\($0.id)" }
        for target in targets {
            let body = try JSONValue.parse(try API.request(target).body)
            #expect(empty(body, "$").isEmpty, "\(target): \(empty(body, "$"))")
        }
    }

    @Test("the article's regimens never appear as doses")
    func noSourceClaims() throws {
        let text = try API.request("/fhir/MedicationKnowledge/testosterone-cypionate").text
        for claim in API.library.agentsByID["testosterone-cypionate"]?.dosing.filter({ $0.basis == .sourceClaim }) ?? []
        {
            #expect(!text.contains(claim.description))
        }
    }

    @Test("search by ATC code, by system|code and bare code, with absolute fullUrls and a true total")
    func searchByCode() throws {
        for code in ["L02BG03", "http://www.whocc.no/atc%7CL02BG03"] {
            let (response, bundle) = try resource(FHIRBundle<Element>.self, "/fhir/MedicationKnowledge?code=\(code)")
            #expect(response.status == .ok)
            #expect(bundle.type == "searchset")
            #expect(bundle.total == 1)
            #expect(bundle.entry?.first?.fullUrl == "http://test/fhir/MedicationKnowledge/anastrozole")
        }
        let none = try resource(
            FHIRBundle<Element>.self, "/fhir/MedicationKnowledge?code=http://fdasis.nlm.nih.gov%7CL02BG03")
        #expect(none.1.total == 0)
    }

    @Test("raloxifene's contraindications, paged with a next link")
    func clinicalUses() throws {
        let (_, bundle) = try resource(
            FHIRBundle<Element>.self,
            "/fhir/ClinicalUseDefinition?subject=MedicationKnowledge/raloxifene&type=contraindication&_count=1")
        #expect(bundle.total == API.library.agentsByID["raloxifene"]?.contraindications.count)
        #expect(bundle.entry?.count == 1)
        #expect((bundle.link ?? []).map(\.relation) == (bundle.total > 1 ? ["self", "next"] : ["self"]))
    }

    @Test("interactions the labels name: tamoxifen and coumarin anticoagulants")
    func interactions() throws {
        let (_, bundle) = try resource(
            FHIRBundle<Interaction>.self, "/fhir/ClinicalUseDefinition?subject=tamoxifen&type=interaction")
        let text = bundle.entry?.first?.resource.interaction.interactant.first?.itemCodeableConcept.text
        #expect(text?.contains("coumarin") == true)
    }

    @Test("behind a proxy: the base path and trusted X-Forwarded-* make the fullUrls")
    func forwarded() throws {
        var options = APIResponder.Options()
        options.basePath = "/api"
        options.trustedProxies = try TrustedProxies(parsing: "127.0.0.1")
        let responder = APIResponder(
            snapshot: try ContentSnapshot(library: API.library, basePath: "/api", openAPI: nil, loadedAt: 0),
            options: options)
        let (_, bundle) = try resource(
            FHIRBundle<Element>.self, "/api/fhir/Citation?_id=fisher-p1",
            headers: [("X-Forwarded-Proto", "https"), ("X-Forwarded-Host", "drugs.example")], responder: responder)
        #expect(bundle.entry?.first?.fullUrl == "https://drugs.example/api/fhir/Citation/fisher-p1")
    }

    @Test("errors are OperationOutcomes: 404, 400, lenient handling, 406")
    func errors() throws {
        let (missing, outcome) = try resource(Outcome.self, "/fhir/MedicationKnowledge/tamoxifin")
        #expect(missing.status == .notFound)
        #expect(missing.headers["Content-Type"] == Self.fhirJSON)
        #expect(outcome.resourceType == "OperationOutcome")
        #expect(try API.request("/fhir/Citation?colour=blue").status == .badRequest)
        let (lenient, bundle) = try resource(
            FHIRBundle<Element>.self, "/fhir/Citation?colour=blue", headers: [("Prefer", "handling=lenient")])
        #expect(lenient.status == .ok)
        #expect(bundle.issues?.resourceType == "OperationOutcome")
        #expect(try API.request("/fhir/Citation?_format=xml").status == .notAcceptable)
        let xml = try API.request("/fhir/MedicationKnowledge/tamoxifen", headers: [("Accept", "application/fhir+xml")])
        #expect(xml.status == .notAcceptable)
        let any = try API.request("/fhir/MedicationKnowledge/tamoxifen", headers: [("Accept", "*/*")])
        #expect(any.status == .ok)
    }
}
