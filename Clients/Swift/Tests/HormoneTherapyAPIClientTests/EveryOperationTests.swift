import Foundation
import HormoneTherapyAPIClient
import Testing

/// Calls every operation of openapi.yaml through the generated client against a live server, whose base URL
/// is in `HTA_BASE_URL` (scripts/check-api starts one and runs scripts/check-swift-client). A response the client cannot decode, or
/// a status other than the one expected, fails the call.
@Suite("The generated Swift client against a live server")
struct EveryOperationTests {
    static let client: Client? = ProcessInfo.processInfo.environment["HTA_BASE_URL"].flatMap(URL.init(string:))
        .map { Client(baseURL: $0) }

    /// One call per operation: GET decodes its body, HEAD answers 200, OPTIONS (preflight) 204.
    static let calls: [(id: String, call: @Sendable (Client) async throws -> Void)] = [
        ("getIndex", { _ = try await $0.getIndex().ok.body.json }),
        ("headGetIndex", { _ = try await $0.headGetIndex().ok }),
        ("preflightGetIndex", { _ = try await $0.preflightGetIndex().noContent }),
        ("listAgents", { _ = try await $0.listAgents().ok.body.json }),
        ("headListAgents", { _ = try await $0.headListAgents().ok }),
        ("preflightListAgents", { _ = try await $0.preflightListAgents().noContent }),
        ("getAgent", { _ = try await $0.getAgent(path: .init(id: "tamoxifen")).ok.body.json }),
        ("headGetAgent", { _ = try await $0.headGetAgent(path: .init(id: "tamoxifen")).ok }),
        ("preflightGetAgent", { _ = try await $0.preflightGetAgent(path: .init(id: "tamoxifen")).noContent }),
        ("listClasses", { _ = try await $0.listClasses().ok.body.json }),
        ("headListClasses", { _ = try await $0.headListClasses().ok }),
        ("preflightListClasses", { _ = try await $0.preflightListClasses().noContent }),
        ("getClass", { _ = try await $0.getClass(path: .init(id: "serm")).ok.body.json }),
        ("headGetClass", { _ = try await $0.headGetClass(path: .init(id: "serm")).ok }),
        ("preflightGetClass", { _ = try await $0.preflightGetClass(path: .init(id: "serm")).noContent }),
        ("listTissues", { _ = try await $0.listTissues().ok.body.json }),
        ("headListTissues", { _ = try await $0.headListTissues().ok }),
        ("preflightListTissues", { _ = try await $0.preflightListTissues().noContent }),
        ("getTissue", { _ = try await $0.getTissue(path: .init(id: "bone")).ok.body.json }),
        ("headGetTissue", { _ = try await $0.headGetTissue(path: .init(id: "bone")).ok }),
        ("preflightGetTissue", { _ = try await $0.preflightGetTissue(path: .init(id: "bone")).noContent }),
        ("listComparisons", { _ = try await $0.listComparisons().ok.body.json }),
        ("headListComparisons", { _ = try await $0.headListComparisons().ok }),
        ("preflightListComparisons", { _ = try await $0.preflightListComparisons().noContent }),
        ("getComparison", { _ = try await $0.getComparison(path: .init(id: comparison)).ok.body.json }),
        ("headGetComparison", { _ = try await $0.headGetComparison(path: .init(id: comparison)).ok }),
        ("preflightGetComparison", { _ = try await $0.preflightGetComparison(path: .init(id: comparison)).noContent }),
        ("compareAgents", { _ = try await $0.compareAgents(query: .init(agents: pair)).ok.body.json }),
        ("headCompareAgents", { _ = try await $0.headCompareAgents(query: .init(agents: pair)).ok }),
        ("preflightCompareAgents", { _ = try await $0.preflightCompareAgents().noContent }),
        ("listGlossary", { _ = try await $0.listGlossary().ok.body.json }),
        ("headListGlossary", { _ = try await $0.headListGlossary().ok }),
        ("preflightListGlossary", { _ = try await $0.preflightListGlossary().noContent }),
        ("getGlossaryEntry", { _ = try await $0.getGlossaryEntry(path: .init(term: "hpg-axis")).ok.body.json }),
        ("headGetGlossaryEntry", { _ = try await $0.headGetGlossaryEntry(path: .init(term: "hpg-axis")).ok }),
        (
            "preflightGetGlossaryEntry",
            { _ = try await $0.preflightGetGlossaryEntry(path: .init(term: "hpg-axis")).noContent }
        ),
        ("listDocuments", { _ = try await $0.listDocuments().ok.body.json }),
        ("headListDocuments", { _ = try await $0.headListDocuments().ok }),
        ("preflightListDocuments", { _ = try await $0.preflightListDocuments().noContent }),
        ("getDocument", { _ = try await $0.getDocument(path: .init(id: document)).ok.body.json }),
        ("headGetDocument", { _ = try await $0.headGetDocument(path: .init(id: document)).ok }),
        ("preflightGetDocument", { _ = try await $0.preflightGetDocument(path: .init(id: document)).noContent }),
        ("getSection", { _ = try await $0.getSection(path: section).ok.body.json }),
        (
            "headGetSection",
            { _ = try await $0.headGetSection(path: .init(id: document, sectionId: "common-serms")).ok }
        ),
        (
            "preflightGetSection",
            { _ = try await $0.preflightGetSection(path: .init(id: document, sectionId: "common-serms")).noContent }
        ),
        ("listReferences", { _ = try await $0.listReferences().ok.body.json }),
        ("headListReferences", { _ = try await $0.headListReferences().ok }),
        ("preflightListReferences", { _ = try await $0.preflightListReferences().noContent }),
        ("getReference", { _ = try await $0.getReference(path: .init(id: "fisher-p1")).ok.body.json }),
        ("headGetReference", { _ = try await $0.headGetReference(path: .init(id: "fisher-p1")).ok }),
        ("preflightGetReference", { _ = try await $0.preflightGetReference(path: .init(id: "fisher-p1")).noContent }),
        ("listNotes", { _ = try await $0.listNotes().ok.body.json }),
        ("headListNotes", { _ = try await $0.headListNotes().ok }),
        ("preflightListNotes", { _ = try await $0.preflightListNotes().noContent }),
        ("getNote", { _ = try await $0.getNote(path: .init(id: "tc4")).ok.body.json }),
        ("headGetNote", { _ = try await $0.headGetNote(path: .init(id: "tc4")).ok }),
        ("preflightGetNote", { _ = try await $0.preflightGetNote(path: .init(id: "tc4")).noContent }),
        ("listClaims", { _ = try await $0.listClaims().ok.body.json }),
        ("headListClaims", { _ = try await $0.headListClaims().ok }),
        ("preflightListClaims", { _ = try await $0.preflightListClaims().noContent }),
        ("getClaim", { _ = try await $0.getClaim(path: .init(id: "h4")).ok.body.json }),
        ("headGetClaim", { _ = try await $0.headGetClaim(path: .init(id: "h4")).ok }),
        ("preflightGetClaim", { _ = try await $0.preflightGetClaim(path: .init(id: "h4")).noContent }),
        ("listSources", { _ = try await $0.listSources().ok.body.json }),
        ("headListSources", { _ = try await $0.headListSources().ok }),
        ("preflightListSources", { _ = try await $0.preflightListSources().noContent }),
        ("getSource", { _ = try await $0.getSource(path: .init(id: "label-evista-2023")).ok.body.json }),
        ("headGetSource", { _ = try await $0.headGetSource(path: .init(id: "label-evista-2023")).ok }),
        ("preflightGetSource", { _ = try await $0.preflightGetSource(path: .init(id: "label-evista-2023")).noContent }),
        ("search", { _ = try await $0.search(query: .init(q: "estrogen")).ok.body.json }),
        ("headSearch", { _ = try await $0.headSearch(query: .init(q: "estrogen")).ok }),
        ("preflightSearch", { _ = try await $0.preflightSearch().noContent }),
        ("exportAll", { try await lines(of: $0.exportAll().ok.body.applicationXNdjson) }),
        ("headExportAll", { _ = try await $0.headExportAll().ok }),
        ("preflightExportAll", { _ = try await $0.preflightExportAll().noContent }),
        ("getFhirCapabilityStatement", { _ = try await $0.getFhirCapabilityStatement().ok.body.applicationFhirJson }),
        ("headGetFhirCapabilityStatement", { _ = try await $0.headGetFhirCapabilityStatement().ok }),
        ("preflightGetFhirCapabilityStatement", { _ = try await $0.preflightGetFhirCapabilityStatement().noContent }),
        ("searchMedicationKnowledge", { _ = try await $0.searchMedicationKnowledge().ok.body.applicationFhirJson }),
        ("headSearchMedicationKnowledge", { _ = try await $0.headSearchMedicationKnowledge().ok }),
        ("preflightSearchMedicationKnowledge", { _ = try await $0.preflightSearchMedicationKnowledge().noContent }),
        (
            "readMedicationKnowledge",
            { _ = try await $0.readMedicationKnowledge(path: .init(id: "tamoxifen")).ok.body.applicationFhirJson }
        ),
        (
            "headReadMedicationKnowledge",
            { _ = try await $0.headReadMedicationKnowledge(path: .init(id: "tamoxifen")).ok }
        ),
        (
            "preflightReadMedicationKnowledge",
            { _ = try await $0.preflightReadMedicationKnowledge(path: .init(id: "tamoxifen")).noContent }
        ),
        ("searchClinicalUseDefinition", { _ = try await $0.searchClinicalUseDefinition().ok.body.applicationFhirJson }),
        ("headSearchClinicalUseDefinition", { _ = try await $0.headSearchClinicalUseDefinition().ok }),
        ("preflightSearchClinicalUseDefinition", { _ = try await $0.preflightSearchClinicalUseDefinition().noContent }),
        (
            "readClinicalUseDefinition",
            { _ = try await $0.readClinicalUseDefinition(path: .init(id: useDefinition)).ok.body.applicationFhirJson }
        ),
        (
            "headReadClinicalUseDefinition",
            { _ = try await $0.headReadClinicalUseDefinition(path: .init(id: useDefinition)).ok }
        ),
        (
            "preflightReadClinicalUseDefinition",
            { _ = try await $0.preflightReadClinicalUseDefinition(path: .init(id: useDefinition)).noContent }
        ),
        ("searchCitation", { _ = try await $0.searchCitation().ok.body.applicationFhirJson }),
        ("headSearchCitation", { _ = try await $0.headSearchCitation().ok }),
        ("preflightSearchCitation", { _ = try await $0.preflightSearchCitation().noContent }),
        ("readCitation", { _ = try await $0.readCitation(path: .init(id: "fisher-p1")).ok.body.applicationFhirJson }),
        ("headReadCitation", { _ = try await $0.headReadCitation(path: .init(id: "fisher-p1")).ok }),
        ("preflightReadCitation", { _ = try await $0.preflightReadCitation(path: .init(id: "fisher-p1")).noContent }),
        ("searchProvenance", { _ = try await $0.searchProvenance().ok.body.applicationFhirJson }),
        ("headSearchProvenance", { _ = try await $0.headSearchProvenance().ok }),
        ("preflightSearchProvenance", { _ = try await $0.preflightSearchProvenance().noContent }),
        (
            "readProvenance",
            { _ = try await $0.readProvenance(path: .init(id: "mk-tamoxifen")).ok.body.applicationFhirJson }
        ),
        ("headReadProvenance", { _ = try await $0.headReadProvenance(path: .init(id: "mk-tamoxifen")).ok }),
        (
            "preflightReadProvenance",
            { _ = try await $0.preflightReadProvenance(path: .init(id: "mk-tamoxifen")).noContent }
        ),
        ("listProblemTypes", { _ = try await $0.listProblemTypes().ok.body.json }),
        ("headListProblemTypes", { _ = try await $0.headListProblemTypes().ok }),
        ("preflightListProblemTypes", { _ = try await $0.preflightListProblemTypes().noContent }),
        (
            "getProblemType",
            { _ = try await $0.getProblemType(path: .init(id: "invalid-parameter")).ok.body.json }
        ),
        ("headGetProblemType", { _ = try await $0.headGetProblemType(path: .init(id: "invalid-parameter")).ok }),
        (
            "preflightGetProblemType",
            { _ = try await $0.preflightGetProblemType(path: .init(id: "invalid-parameter")).noContent }
        ),
        ("getOpenAPI", { try await lines(of: $0.getOpenAPI().ok.body.yaml) }),
        ("headGetOpenAPI", { _ = try await $0.headGetOpenAPI().ok }),
        ("preflightGetOpenAPI", { _ = try await $0.preflightGetOpenAPI().noContent }),
        ("getHealth", { _ = try await $0.getHealth().ok.body.json }),
        ("headGetHealth", { _ = try await $0.headGetHealth().ok }),
        ("preflightGetHealth", { _ = try await $0.preflightGetHealth().noContent }),
        ("getReadiness", { _ = try await $0.getReadiness().ok.body.json }),
        ("headGetReadiness", { _ = try await $0.headGetReadiness().ok }),
        ("preflightGetReadiness", { _ = try await $0.preflightGetReadiness().noContent }),
        ("getMetrics", { _ = try await $0.getMetrics().ok.body.plainText }),
        ("headGetMetrics", { _ = try await $0.headGetMetrics().ok }),
        ("preflightGetMetrics", { _ = try await $0.preflightGetMetrics().noContent }),
    ]

    static let comparison = "therapeutic-modalities"
    static let document = "serms-vs-traditional-hormone-therapies"
    static let section = Operations.GetSection.Input.Path(id: document, sectionId: "common-serms")
    static let pair: [Components.Schemas.AgentId] = ["tamoxifen", "raloxifene"]
    static let useDefinition = "raloxifene-contraindication-1"

    /// Reads a streamed body to the end (at most 16 MiB), so the whole response is received.
    static func lines(of body: HTTPBody) async throws {
        let bytes = try await [UInt8](collecting: body, upTo: 16 << 20)
        #expect(!bytes.isEmpty)
    }

    /// The operationIds in openapi.yaml, read from the file itself, and those of the paths
    /// `scripts/from-schemas` writes for the kinds the schemas declare.
    static let operations: (all: Set<String>, generated: Set<String>) = {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<5 { url.deleteLastPathComponent() }
        let text = (try? String(contentsOf: url.appendingPathComponent("openapi.yaml"), encoding: .utf8)) ?? ""
        var all: Set<String> = []
        var generated: Set<String> = []
        var inGenerated = false
        for line in text.split(separator: "\n") {
            let trimmed = line.drop { $0 == " " }
            if trimmed.hasPrefix("# BEGIN paths generated") { inGenerated = true }
            if trimmed.hasPrefix("# END paths generated") { inGenerated = false }
            guard trimmed.hasPrefix("operationId: ") else { continue }
            let id = String(trimmed.dropFirst("operationId: ".count))
            all.insert(id)
            if inGenerated { generated.insert(id) }
        }
        return (all, generated)
    }()
    static var specOperations: Set<String> { operations.all }
    static var generatedOperations: Set<String> { operations.generated }

    /// A declared kind's six operations are one template (the Python client and schemathesis call every
    /// one of them): a new kind needs no call here, though the bundled one has its calls.
    @Test("every operation of openapi.yaml has exactly one call here, but for declared kinds")
    func coversTheSpec() {
        let ids = Self.calls.map(\.id)
        #expect(Set(ids).count == ids.count)
        #expect(Self.specOperations.count > 90)
        #expect(Set(ids).isSubset(of: Self.specOperations))
        #expect(Self.specOperations.subtracting(Self.generatedOperations).isSubset(of: Set(ids)))
    }

    @Test("each operation answers as its contract says", arguments: calls.map(\.id))
    func call(id: String) async throws {
        let client = try #require(Self.client, "set HTA_BASE_URL to a running server (scripts/check-swift-client)")
        let call = try #require(Self.calls.first { $0.id == id }?.call)
        try await call(client)
    }

    @Test("typed answers carry the content")
    func content() async throws {
        let client = try #require(Self.client, "set HTA_BASE_URL to a running server (scripts/check-swift-client)")
        let agent = try await client.getAgent(path: .init(id: "Nolvadex")).ok.body.json
        #expect(agent.id == "tamoxifen")
        #expect(agent.name == "Tamoxifen")

        var seen = 0
        var offset = 0
        var total = -1
        while total < 0 || offset < total {
            let page = try await client.listAgents(query: .init(limit: 3, offset: offset)).ok.body.json
            total = page.value1.total
            seen += page.value2.items.count
            offset += 3
        }
        #expect(seen == total && total >= 7)

        let results = try await client.search(query: .init(q: "estrogen", _type: [.glossary])).ok.body.json
        #expect(!results.items.isEmpty)
        #expect(results.items.allSatisfy { $0._type == Components.Schemas.SearchType.glossary })

        let missing = try await client.getAgent(path: .init(id: "tamoxifem")).notFound.body.applicationProblemJson
        #expect(missing.status == 404)
    }
}
