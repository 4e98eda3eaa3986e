import ContentAPI
import Foundation
import HTTP1
import Testing

/// The FHIR shapes these tests read, decoded as a client would.
private struct Bundle: Decodable {
    let total: Int
    let link: [Link]
    let entry: [Entry]?

    struct Link: Decodable {
        let relation: String
        let url: String
    }

    struct Entry: Decodable {
        let fullUrl: String
        let resource: Resource
    }

    var ids: [String] { (entry ?? []).map(\.resource.id) }
    func link(_ relation: String) -> String? { link.first { $0.relation == relation }?.url }
}

private struct Resource: Decodable {
    let resourceType: String
    let id: String
    let meta: Meta?

    struct Meta: Decodable {
        let versionId: String
        let lastUpdated: String
    }
}

private struct Outcome: Decodable {
    let resourceType: String
    let issue: [Issue]

    struct Issue: Decodable {
        let severity: String
        let code: String
        let diagnostics: String
    }
}

@Suite("FHIR search and HTTP as R5 says: AND and OR, modifiers, _format, _count, versions")
struct FHIRSearchSemanticsTests {
    private func get<T: Decodable>(
        _ type: T.Type, _ target: String, headers: [(String, String)] = [], status: HTTPStatus = .ok
    ) throws -> T {
        let response = try API.request(target, headers: headers)
        #expect(response.status == status, "\(target): \(response.text.prefix(300))")
        #expect(response.headers["Content-Type"] == "application/fhir+json; fhirVersion=5.0; charset=utf-8")
        return try JSONDecoder().decode(T.self, from: Data(response.body))
    }

    @Test("a repeated parameter ANDs its occurrences; commas inside one OR its values")
    func andOr() throws {
        let either = try get(Bundle.self, "/fhir/ClinicalUseDefinition?type=warning,contraindication&_count=100")
        let warnings = try get(Bundle.self, "/fhir/ClinicalUseDefinition?type=warning&_count=100")
        let both = try get(Bundle.self, "/fhir/ClinicalUseDefinition?type=warning&type=contraindication")
        #expect(either.total > warnings.total && warnings.total > 0)
        #expect(both.total == 0, "no definition is both a warning and a contraindication")
        #expect(both.link("self")?.hasSuffix("?type=warning&type=contraindication") == true)
        let codes = try get(Bundle.self, "/fhir/MedicationKnowledge?code=L02BA01&code=L02BG03")
        #expect(codes.total == 0, "no agent has both ATC codes")
        let oneAgent = try get(Bundle.self, "/fhir/MedicationKnowledge?_id=tamoxifen,raloxifene&_id=tamoxifen")
        #expect(oneAgent.ids == ["tamoxifen"])
    }

    @Test(
        "a modifier is refused in strict and lenient handling alike (code:not would invert the query)",
        arguments: [[], [("Prefer", "handling=lenient")]])
    func modifiers(headers: [(String, String)]) throws {
        let outcome = try get(
            Outcome.self, "/fhir/MedicationKnowledge?code:not=L02BA01", headers: headers, status: .badRequest)
        #expect(outcome.issue.map(\.code) == ["not-supported"])
        #expect(outcome.issue.first?.diagnostics.contains("':not'") == true)
    }

    @Test("_format overrides Accept; any format but JSON is 406; an R4 Accept is 406")
    func formats() throws {
        let xmlAccept = [("Accept", "application/fhir+xml")]
        #expect(
            try get(Resource.self, "/fhir/MedicationKnowledge/tamoxifen?_format=json", headers: xmlAccept).id
                == "tamoxifen")
        for format in ["ttl", "html", "text/turtle", "xml"] {
            let outcome = try get(
                Outcome.self, "/fhir/Citation?_format=\(format)", status: .notAcceptable)
            #expect(outcome.issue.first?.code == "not-supported")
        }
        let r4 = [("Accept", "application/fhir+json; fhirVersion=4.0")]
        _ = try get(Outcome.self, "/fhir/MedicationKnowledge/tamoxifen", headers: r4, status: .notAcceptable)
        let r5 = [("Accept", "application/fhir+json; fhirVersion=5.0")]
        #expect(try get(Resource.self, "/fhir/MedicationKnowledge/tamoxifen", headers: r5).id == "tamoxifen")
    }

    @Test("_count above the maximum is served as the maximum, and the links say so")
    func countCapped() throws {
        let bundle = try get(Bundle.self, "/fhir/ClinicalUseDefinition?_count=5000")
        #expect(bundle.ids.count == min(100, bundle.total))
        #expect(bundle.link("self")?.hasSuffix("?_count=100") == true)
        _ = try get(Outcome.self, "/fhir/ClinicalUseDefinition?_count=-1", status: .badRequest)
    }

    @Test("tokens: system| finds any code of the system; type takes system|code; subject takes an absolute URL")
    func tokens() throws {
        let atc = try get(Bundle.self, "/fhir/MedicationKnowledge?code=http://www.whocc.no/atc%7C&_count=100")
        let agents = API.library.agents.filter {
            $0.identifiers.contains { $0.verified && $0.system == "http://www.whocc.no/atc" }
        }
        #expect(Set(atc.ids) == Set(agents.map(\.id)) && !atc.ids.isEmpty)
        for (code, agent) in [
            ("G03XC01", "raloxifene"), ("YX9162EO3I", "raloxifene"), ("G03BA03", "testosterone-cypionate"),
        ] {
            #expect(try get(Bundle.self, "/fhir/MedicationKnowledge?code=\(code)").ids == [agent], "\(code)")
        }
        let none = try get(Bundle.self, "/fhir/MedicationKnowledge?code=%7CL02BA01")
        #expect(none.total == 0, "|code is a code with no system, and every code here has one")
        let typed = try get(
            Bundle.self,
            "/fhir/ClinicalUseDefinition?type=http://hl7.org/fhir/clinical-use-definition-type%7Ccontraindication")
        let plain = try get(Bundle.self, "/fhir/ClinicalUseDefinition?type=contraindication")
        #expect(typed.total == plain.total && plain.total > 0)
        let absolute = try get(
            Bundle.self, "/fhir/ClinicalUseDefinition?subject=http://test/fhir/MedicationKnowledge/raloxifene")
        let relative = try get(Bundle.self, "/fhir/ClinicalUseDefinition?subject=MedicationKnowledge/raloxifene")
        #expect(absolute.total == relative.total && relative.total > 0)
        #expect(try get(Bundle.self, "/fhir/Citation?_total=accurate").total == API.library.references.count)
    }

    @Test("ETag is the resource's W/versionId: If-None-Match with it is 304; a change of resource changes it")
    func versions() throws {
        let tamoxifen = try API.request("/fhir/MedicationKnowledge/tamoxifen")
        let resource = try JSONDecoder().decode(Resource.self, from: Data(tamoxifen.body))
        let version = try #require(resource.meta?.versionId)
        #expect(tamoxifen.headers["ETag"] == "W/\"\(version)\"")
        let again = try API.request(
            "/fhir/MedicationKnowledge/tamoxifen", headers: [("If-None-Match", "W/\"\(version)\"")])
        #expect(again.status == .notModified)
        let gzip = try API.request(
            "/fhir/MedicationKnowledge/tamoxifen",
            headers: [("Accept-Encoding", "gzip"), ("If-None-Match", "W/\"\(version)\"")])
        #expect(gzip.status == .notModified)
        let raloxifene = try JSONDecoder().decode(
            Resource.self, from: Data(try API.request("/fhir/MedicationKnowledge/raloxifene").body))
        #expect(raloxifene.meta?.versionId != version)
        #expect(tamoxifen.headers["Vary"] == "Accept, Accept-Encoding")
    }

    @Test(
        "under /fhir every error is an OperationOutcome, the base included",
        arguments: ["/fhir", "/fhir?_type=Citation"])
    func base(target: String) throws {
        let outcome = try get(Outcome.self, target, status: .notFound)
        #expect(outcome.resourceType == "OperationOutcome")
        let options = try API.request(target, method: "OPTIONS")
        #expect(options.headers["Content-Type"] == "application/fhir+json; fhirVersion=5.0; charset=utf-8")
    }
}

private struct Coding: Decodable, Equatable {
    let system: String?
    let code: String?
}

private struct Concept: Decodable {
    let coding: [Coding]?
    let text: String?
}

private struct ClinicalUse: Decodable {
    let id: String
    let status: Concept
}

private struct CapabilityStatement: Decodable {
    let software: Software
    let rest: [Rest]

    struct Software: Decodable { let name, version: String }
    struct Rest: Decodable { let resource: [Resource] }
    struct Resource: Decodable {
        let type, versioning, conditionalRead: String
        let searchParam: [SearchParam]
    }
    struct SearchParam: Decodable { let name, definition: String }
}

private struct TerminologyCapabilities: Decodable {
    let resourceType: String
    let codeSystem: [CodeSystem]

    struct CodeSystem: Decodable { let uri, content: String }
}

private struct Citation: Decodable {
    let citedArtifact: Artifact

    struct Artifact: Decodable {
        let title: [Title]
        let identifier: [Identifier]?
        let contributorship: Contributorship
    }
    struct Title: Decodable {
        let type: [Concept]
        let text: String
    }
    struct Identifier: Decodable {
        let type: Concept
        let system, value: String
    }
    struct Contributorship: Decodable {
        let complete: Bool
        let entry: [Entry]
    }
    struct Entry: Decodable { let contributor: Display }
    struct Display: Decodable { let display: String }
}

@Suite("FHIR resources a program can use: coded status, capabilities, citations")
struct FHIRResourceTests {
    private func get<T: Decodable>(_ type: T.Type, _ target: String) throws -> T {
        let response = try API.request(target)
        #expect(response.status == .ok, "\(target): \(response.text.prefix(300))")
        return try JSONDecoder().decode(T.self, from: Data(response.body))
    }

    @Test("every clinical use has a coded publication status; a removed boxed warning is retired")
    func status() throws {
        let agents = API.library.agents
        let removed = agents.flatMap { agent in
            agent.boxedWarnings.enumerated().filter { $0.element.status == .removed }.map {
                "\(agent.id)-warning-\($0.offset + 1)"
            }
        }
        #expect(!removed.isEmpty)
        for agent in agents {
            let bundle = try get(
                UseBundle.self, "/fhir/ClinicalUseDefinition?subject=\(agent.id)&_count=100")
            for use in bundle.entry?.map(\.resource) ?? [] {
                let code = use.status.coding?.first
                #expect(code?.system == "http://hl7.org/fhir/publication-status")
                #expect(code?.code == (removed.contains(use.id) ? "retired" : "active"), "\(use.id)")
            }
        }
    }

    @Test("the CapabilityStatement declares versioned, conditional reads, the software and each definition")
    func capability() throws {
        let statement = try get(CapabilityStatement.self, "/fhir/metadata")
        #expect(
            statement.software.name == "hormone-therapy-api" && statement.software.version == ServiceVersion.current)
        for resource in statement.rest.flatMap(\.resource) {
            #expect(resource.versioning == "versioned" && resource.conditionalRead == "full-support")
            for parameter in resource.searchParam {
                #expect(parameter.definition.hasPrefix("http://hl7.org/fhir/SearchParameter/"), "\(parameter.name)")
            }
        }
        let terminology = try get(TerminologyCapabilities.self, "/fhir/metadata?mode=terminology")
        #expect(terminology.resourceType == "TerminologyCapabilities")
        #expect(terminology.codeSystem.map(\.uri).contains("http://www.whocc.no/atc"))
        #expect(terminology.codeSystem.allSatisfy { $0.content == "not-present" })
        #expect(try API.request("/fhir/metadata?mode=everything").status == .badRequest)
    }

    @Test("a citation: et al. makes the list incomplete, identifiers typed, an abridged title a short title")
    func citation() throws {
        let fisher = try get(Citation.self, "/fhir/Citation/fisher-p1").citedArtifact
        #expect(fisher.contributorship.complete == false)
        #expect(!fisher.contributorship.entry.contains { $0.contributor.display.lowercased().hasPrefix("et al") })
        #expect(fisher.title.first?.type.first?.coding?.first?.code == "short-title")
        let mcdonnell = try get(Citation.self, "/fhir/Citation/mcdonnell-norris").citedArtifact
        #expect(mcdonnell.contributorship.complete)
        #expect(mcdonnell.title.first?.type.first?.coding?.first?.code == "primary")
        #expect(mcdonnell.identifier?.map { $0.type.text ?? "" } == ["DOI", "PubMed ID"])
    }
}

private struct UseBundle: Decodable {
    let entry: [Entry]?
    struct Entry: Decodable { let resource: ClinicalUse }
}

private struct ProvenanceResource: Decodable {
    let id: String
    let target: [Reference]
    let entity: [Entity]

    struct Reference: Decodable { let reference: String }
    struct Entity: Decodable {
        let role: String
        let what: What
    }
    struct What: Decodable {
        let identifier: Identifier
        let display: String
    }
    struct Identifier: Decodable { let system, value: String }
}

private struct ProvenanceBundle: Decodable {
    let total: Int
    let entry: [Entry]?
    struct Entry: Decodable { let resource: ProvenanceResource }
}

@Suite("Provenance as FHIR says it: one per resource, targeting it, naming its sources")
struct FHIRProvenanceTests {
    @Test("raloxifene's Provenance names its label; searched by target in every form")
    func raloxifene() throws {
        let agent = try #require(API.library.agentsByID["raloxifene"])
        let expected = Set(
            agent.brandNames.flatMap(\.provenance).map(\.source) + agent.schedule.provenance.map(\.source))
        for target in [
            "MedicationKnowledge/raloxifene", "raloxifene", "http://test/fhir/MedicationKnowledge/raloxifene",
        ] {
            let bundle = try JSONDecoder().decode(
                ProvenanceBundle.self, from: Data(try API.request("/fhir/Provenance?target=\(target)").body))
            #expect(bundle.total == 1, "\(target)")
            let provenance = try #require(bundle.entry?.first?.resource)
            #expect(provenance.id == "mk-raloxifene")
            #expect(provenance.target.map(\.reference) == ["MedicationKnowledge/raloxifene"])
            #expect(
                provenance.entity.allSatisfy {
                    $0.role == "source" && $0.what.identifier.system == "urn:hormone-therapy-api:source"
                })
            #expect(expected.isSubset(of: Set(provenance.entity.map(\.what.identifier.value))))
        }
    }

    @Test("every resource with sourced facts has exactly one Provenance, and no resource an extension")
    func everyResource() throws {
        let all = try JSONDecoder().decode(
            ProvenanceBundle.self, from: Data(try API.request("/fhir/Provenance?_count=0").body))
        let uses = try JSONDecoder().decode(
            ProvenanceBundle.self, from: Data(try API.request("/fhir/ClinicalUseDefinition?_count=0").body))
        let expected = API.library.agents.count + uses.total + API.library.references.count
        #expect(all.total == expected)
        let section = try JSONDecoder().decode(
            ProvenanceResource.self, from: Data(try API.request("/fhir/Provenance/cit-fisher-p1").body))
        #expect(section.entity.map(\.what.identifier.value) == ["serms-vs-traditional-hormone-therapies#references"])
        let read = try API.request("/fhir/MedicationKnowledge/tamoxifen").text
        #expect(!read.contains("\"extension\""))
    }
}

@Suite("FHIR: the base URL a client reached, and warning categories coded")
struct FHIRCapabilityAndCategoryTests {
    private struct Capability: Decodable {
        struct Implementation: Decodable {
            let description: String
            let url: String?
        }
        let implementation: Implementation
    }

    private struct UseDefinition: Decodable {
        let id: String
        let category: [FHIRConcept]?
    }

    private struct Terminology: Decodable {
        struct System: Decodable { let uri: String }
        let codeSystem: [System]
    }

    @Test("implementation.url is the FHIR base as the client reached it; an untrusted X-Forwarded-Host is ignored")
    func implementationURL() throws {
        let plain = try JSONDecoder().decode(
            Capability.self, from: Data(try API.request("/fhir/metadata").body))
        #expect(plain.implementation.url == "http://test/fhir")
        let forwarded = try API.request("/fhir/metadata", headers: [("X-Forwarded-Host", "evil.example")])
        #expect(
            try JSONDecoder().decode(Capability.self, from: Data(forwarded.body)).implementation.url
                == "http://test/fhir")
    }

    @Test("every warning's category is coded: boxed warnings apart from other warnings, the system listed")
    func categories() throws {
        let bundle = try JSONDecoder().decode(
            FHIRBundle<UseDefinition>.self,
            from: Data(try API.request("/fhir/ClinicalUseDefinition?type=warning&_count=100").body))
        let codes = (bundle.entry ?? []).map { entry in entry.resource.category?.first?.coding?.first }
        #expect(!codes.isEmpty && codes.allSatisfy { $0?.system == "urn:hormone-therapy-api:warning-category" })
        let boxed = API.library.agents.map(\.boxedWarnings.count).reduce(0, +)
        #expect(codes.filter { $0?.code == "boxed-warning" }.count == boxed)
        #expect(codes.filter { $0?.code == "warning-or-precaution" }.count == codes.count - boxed)
        let terminology = try JSONDecoder().decode(
            Terminology.self, from: Data(try API.request("/fhir/metadata?mode=terminology").body))
        #expect(terminology.codeSystem.map(\.uri).contains("urn:hormone-therapy-api:warning-category"))
    }
}
