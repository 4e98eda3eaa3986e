import ContentAPI
import ContentModel
import Foundation
import HTTP1
import Testing

@Suite("The FHIR R5 view")
struct FHIRTests {
    static let fhirJSON = "application/fhir+json; fhirVersion=5.0; charset=utf-8"

    private func resource(_ target: String, headers: [(String, String)] = [], responder: APIResponder = API.responder)
        throws -> (HTTPResponse, [String: Any])
    {
        let response = try API.request(target, headers: headers, responder: responder)
        return (response, try API.json(response))
    }

    @Test("metadata: an R5 instance CapabilityStatement listing exactly what is served")
    func metadata() throws {
        let (response, body) = try resource("/fhir/metadata")
        #expect(response.status == .ok)
        #expect(response.headers["Content-Type"] == Self.fhirJSON)
        #expect(body["resourceType"] as? String == "CapabilityStatement")
        #expect(body["fhirVersion"] as? String == "5.0.0")
        #expect(body["kind"] as? String == "instance")
        let rest = try #require((body["rest"] as? [[String: Any]])?.first?["resource"] as? [[String: Any]])
        let params = Dictionary(
            uniqueKeysWithValues: rest.map {
                (
                    $0["type"] as? String ?? "",
                    ($0["searchParam"] as? [[String: Any]] ?? []).compactMap { $0["name"] as? String }
                )
            })
        #expect(params["MedicationKnowledge"] == ["_id", "code"])
        #expect(params["ClinicalUseDefinition"] == ["_id", "subject", "type"])
        #expect(params["Citation"] == ["_id"])
    }

    @Test("an agent as MedicationKnowledge: verified codes, class, label doses only, its clinical uses")
    func medicationKnowledge() throws {
        let (response, body) = try resource("/fhir/MedicationKnowledge/tamoxifen")
        #expect(response.status == .ok)
        #expect(response.headers["Content-Type"] == Self.fhirJSON)
        let coding = try #require((body["code"] as? [String: Any])?["coding"] as? [[String: Any]])
        #expect(coding.compactMap { $0["code"] as? String } == ["L02BA01", "094ZI81Y45", "7FRV7310N6", "10324"])
        #expect(coding.map { $0["display"] as? String } == ["tamoxifen", nil, "TAMOXIFEN CITRATE", "tamoxifen"])
        let classes = try #require(body["medicineClassification"] as? [[String: Any]])
        let atc = try #require(classes.last?["classification"] as? [[String: Any]])
        let atcCoding = try #require((atc.first?["coding"] as? [[String: Any]])?.first)
        #expect(atcCoding["code"] as? String == "L02BA" && atcCoding["display"] as? String == "Anti-estrogens")
        let (_, estradiol) = try resource("/fhir/MedicationKnowledge/estradiol")
        let names = try #require(estradiol["name"] as? [String])
        #expect(names.contains("Estrace") && !names.contains("Bijuva") && !names.contains("Climara Pro"))
        let meta = try #require(body["meta"] as? [String: Any])
        #expect(meta["versionId"].map { "W/\"\($0)\"" } == response.headers["ETag"])
        #expect(meta["source"] as? String == "/v1/agents/tamoxifen")
        let lastUpdated = try #require(meta["lastUpdated"] as? String)
        let instant = try #require(ISO8601DateFormatter().date(from: lastUpdated))
        #expect(
            HTTPDate.format(secondsSince1970: Int(instant.timeIntervalSince1970)) == response.headers["Last-Modified"])
        let text = try #require(body["text"] as? [String: Any])
        #expect((text["div"] as? String)?.hasPrefix(#"<div xmlns="http://www.w3.org/1999/xhtml">"#) == true)
        let guidelines = try #require(body["indicationGuideline"] as? [[String: Any]])
        let labelDoses = API.library.agentsByID["tamoxifen"]?.dosing.filter { $0.basis == .label } ?? []
        #expect(guidelines.count == labelDoses.count)
        let uses = try #require(body["clinicalUseIssue"] as? [[String: Any]])
        #expect(uses.contains { $0["reference"] as? String == "ClinicalUseDefinition/tamoxifen-warning-1" })
    }

    @Test("FHIR JSON has no empty arrays or objects (raloxifene has no verified code: no empty coding)")
    func noEmptyElements() throws {
        func empty(_ value: Any, _ path: String) -> [String] {
            if let object = value as? [String: Any] {
                return object.isEmpty ? [path] : object.flatMap { empty($0.value, path + "." + $0.key) }
            }
            if let array = value as? [Any] {
                return array.isEmpty
                    ? [path] : array.enumerated().flatMap { empty($0.element, "\(path)[\($0.offset)]") }
            }
            return []
        }
        var targets = ["/fhir/metadata", "/fhir/Citation?_count=100", "/fhir/ClinicalUseDefinition?_count=100"]
        targets += API.library.agents.map { "/fhir/MedicationKnowledge/\($0.id)" }
        for target in targets {
            let (_, body) = try resource(target)
            #expect(empty(body, "$").isEmpty, "\(target): \(empty(body, "$"))")
        }
    }

    @Test("the article's regimens never appear as doses")
    func noSourceClaims() throws {
        let (_, body) = try resource("/fhir/MedicationKnowledge/testosterone-cypionate")
        let text = String(decoding: try JSONSerialization.data(withJSONObject: body), as: UTF8.self)
        for claim in API.library.agentsByID["testosterone-cypionate"]?.dosing.filter({ $0.basis == .sourceClaim }) ?? []
        {
            #expect(!text.contains(claim.description))
        }
    }

    @Test("search by ATC code, by system|code and bare code, with absolute fullUrls and a true total")
    func searchByCode() throws {
        for code in ["L02BG03", "http://www.whocc.no/atc%7CL02BG03"] {
            let (response, bundle) = try resource("/fhir/MedicationKnowledge?code=\(code)")
            #expect(response.status == .ok)
            #expect(bundle["type"] as? String == "searchset")
            #expect(bundle["total"] as? Int == 1)
            let entry = try #require((bundle["entry"] as? [[String: Any]])?.first)
            #expect(entry["fullUrl"] as? String == "http://test/fhir/MedicationKnowledge/anastrozole")
        }
        let (_, none) = try resource("/fhir/MedicationKnowledge?code=http://fdasis.nlm.nih.gov%7CL02BG03")
        #expect(none["total"] as? Int == 0)
    }

    @Test("raloxifene's contraindications, paged with a next link")
    func clinicalUses() throws {
        let (_, bundle) = try resource(
            "/fhir/ClinicalUseDefinition?subject=MedicationKnowledge/raloxifene&type=contraindication&_count=1")
        let total = try #require(bundle["total"] as? Int)
        #expect(total == API.library.agentsByID["raloxifene"]?.contraindications.count)
        #expect((bundle["entry"] as? [[String: Any]])?.count == 1)
        let links = (bundle["link"] as? [[String: Any]] ?? []).compactMap { $0["relation"] as? String }
        #expect(links == (total > 1 ? ["self", "next"] : ["self"]))
    }

    @Test("interactions the labels name: tamoxifen and coumarin anticoagulants")
    func interactions() throws {
        let (_, bundle) = try resource("/fhir/ClinicalUseDefinition?subject=tamoxifen&type=interaction")
        let entry = try #require((bundle["entry"] as? [[String: Any]])?.first?["resource"] as? [String: Any])
        let interaction = try #require(entry["interaction"] as? [String: Any])
        let interactant = try #require((interaction["interactant"] as? [[String: Any]])?.first)
        let text = (interactant["itemCodeableConcept"] as? [String: Any])?["text"] as? String
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
            "/api/fhir/Citation?_id=fisher-p1",
            headers: [("X-Forwarded-Proto", "https"), ("X-Forwarded-Host", "drugs.example")], responder: responder)
        let entry = try #require((bundle["entry"] as? [[String: Any]])?.first)
        #expect(entry["fullUrl"] as? String == "https://drugs.example/api/fhir/Citation/fisher-p1")
    }

    @Test("errors are OperationOutcomes: 404, 400, lenient handling, 406")
    func errors() throws {
        let (missing, outcome) = try resource("/fhir/MedicationKnowledge/tamoxifin")
        #expect(missing.status == .notFound)
        #expect(missing.headers["Content-Type"] == Self.fhirJSON)
        #expect(outcome["resourceType"] as? String == "OperationOutcome")
        let (unknown, _) = try resource("/fhir/Citation?colour=blue")
        #expect(unknown.status == .badRequest)
        let (lenient, bundle) = try resource("/fhir/Citation?colour=blue", headers: [("Prefer", "handling=lenient")])
        #expect(lenient.status == .ok)
        #expect((bundle["issues"] as? [String: Any])?["resourceType"] as? String == "OperationOutcome")
        #expect(try API.request("/fhir/Citation?_format=xml").status == .notAcceptable)
        let xml = try API.request("/fhir/MedicationKnowledge/tamoxifen", headers: [("Accept", "application/fhir+xml")])
        #expect(xml.status == .notAcceptable)
        let any = try API.request("/fhir/MedicationKnowledge/tamoxifen", headers: [("Accept", "*/*")])
        #expect(any.status == .ok)
    }
}
