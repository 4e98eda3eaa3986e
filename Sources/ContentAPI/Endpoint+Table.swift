import ContentModel

extension Endpoint {
    private static let list = ["limit", "offset"]

    /// Every endpoint whatever the content, in the order of openapi.yaml's paths; `Routes` adds the
    /// declared kinds' after the `/v1` rows.
    public static let fixed: [Endpoint] = content + fhir + operational

    /// A kind the content's schemas declare: its records, paged, and one record by id.
    static func declared(_ kind: RecordKind) -> [Endpoint] {
        [
            .json(kind.path, list, paths: { _ in [kind.path] }) { service, request throws(APIError) in
                try service.records(of: kind, request.query)
            },
            .json(kind.path + "/{id}", paths: { $0.library.ids(kind).map(kind.path(of:)) }) {
                service, request throws(APIError) in try service.record(request["id"], of: kind)
            },
        ]
    }

    private static let content: [Endpoint] = [
        .json("/", paths: { _ in ["/"] }) { service, _ in service.root() },
        .json("/v1/agents", ["class", "tissue", "effect", "q", "fields"] + list, paths: { _ in ["/v1/agents"] }) {
            service, request throws(APIError) in try service.agents(request.query)
        },
        .json("/v1/agents/{id}", ["fields", "include"], paths: { $0.library.agents.map { "/v1/agents/\($0.id)" } }) {
            service, request throws(APIError) in try service.agent(request["id"], request.query)
        },
        .json("/v1/classes", paths: { _ in ["/v1/classes"] }) { service, _ in service.classes() },
        .json("/v1/classes/{id}", paths: { $0.library.classes.map { "/v1/classes/\($0.id)" } }) {
            service, request throws(APIError) in try service.agentClass(request["id"])
        },
        .json("/v1/tissues", paths: { _ in ["/v1/tissues"] }) { service, _ in service.tissues() },
        .json("/v1/tissues/{id}", paths: { $0.library.tissues.map { "/v1/tissues/\($0.id)" } }) {
            service, request throws(APIError) in try service.tissue(request["id"])
        },
        .json("/v1/comparisons", paths: { _ in ["/v1/comparisons"] }) { service, _ in service.comparisons() },
        .json("/v1/comparisons/{id}", paths: { $0.library.comparisons.map { "/v1/comparisons/\($0.id)" } }) {
            service, request throws(APIError) in try service.comparison(request["id"])
        },
        .json("/v1/compare", ["agents"], paths: { _ in [] }) { service, request throws(APIError) in
            try service.compare(request.query)
        },
        .json("/v1/glossary", ["prefix", "q", "fields"] + list, paths: { _ in ["/v1/glossary"] }) {
            service, request throws(APIError) in try service.glossary(request.query)
        },
        .json(
            "/v1/glossary/{term}", ["fields", "include"],
            paths: { $0.library.glossary.map { "/v1/glossary/\($0.id)" } }
        ) { service, request throws(APIError) in try service.glossaryEntry(request["term"], request.query) },
        .json("/v1/documents", paths: { _ in ["/v1/documents"] }) { service, _ in service.documents() },
        .json("/v1/documents/{id}", paths: { $0.library.documents.map { "/v1/documents/\($0.id)" } }) {
            service, request throws(APIError) in try service.document(request["id"])
        },
        .json(
            "/v1/documents/{id}/sections/{sectionId}", ["include"],
            paths: { service in
                service.library.documents.flatMap { document in
                    document.sections.map { "/v1/documents/\(document.id)/sections/\($0.id)" }
                }
            }
        ) { service, request throws(APIError) in
            try service.section(request["id"], request["sectionId"], request.query)
        },
        .json("/v1/references", list, paths: { _ in ["/v1/references"] }) { service, request throws(APIError) in
            try service.references(request.query)
        },
        .json("/v1/references/{id}", paths: { $0.library.references.map { "/v1/references/\($0.id)" } }) {
            service, request throws(APIError) in try service.reference(request["id"])
        },
        .json("/v1/notes", list, paths: { _ in ["/v1/notes"] }) { service, request throws(APIError) in
            try service.notes(request.query)
        },
        .json("/v1/notes/{id}", paths: { $0.library.notes.map { "/v1/notes/\($0.id)" } }) {
            service, request throws(APIError) in try service.note(request["id"])
        },
        .json("/v1/sources", ["kind"] + list, paths: { _ in ["/v1/sources"] }) { service, request throws(APIError) in
            try service.sources(request.query)
        },
        .json("/v1/sources/{id}", paths: { $0.library.sources.map { "/v1/sources/\($0.id)" } }) {
            service, request throws(APIError) in try service.source(request["id"])
        },
        .json("/v1/search", ["q", "type"] + list, paths: { _ in [] }) { service, request throws(APIError) in
            try service.search(request.query)
        },
        Endpoint(
            "/v1/export", parameters: [], answer: .content({ service, _ in service.export() }),
            canonicalPaths: { _ in ["/v1/export"] }),
    ]

    private static let fhir: [Endpoint] =
        [
            // Not precomputed: `implementation.url` names the origin the client reached.
            .fhir("/fhir/metadata", ["mode", "_format", "_pretty"], paths: { _ in [] }) {
                service, request throws(APIError) in try service.fhir.capabilityStatement(request.fhir ?? .plain)
            }
        ]
        + FHIRView.ResourceType.allCases.flatMap { type -> [Endpoint] in
            [
                Endpoint.fhir("/fhir/\(type.rawValue)", FHIRView.searchParameters(type), paths: { _ in [] }) {
                    service, request throws(APIError) in
                    try service.fhir.search(type, request.fhir ?? .plain)
                },
                Endpoint.fhir(
                    "/fhir/\(type.rawValue)/{id}", ["_format", "_pretty"],
                    paths: { service in service.fhir.ids(type).map { "/fhir/\(type.rawValue)/\($0)" } }
                ) { service, request throws(APIError) in
                    try service.fhir.read(type, id: request["id"], request.fhir ?? .plain)
                },
            ]
        }

    private static let operational: [Endpoint] = [
        .json("/problems", paths: { _ in ["/problems"] }) { service, _ in service.problemTypes() },
        .json("/problems/{id}", paths: { _ in ProblemType.allCases.map { "/problems/\($0.slug)" } }) {
            service, request throws(APIError) in try service.problemType(request["id"])
        },
        Endpoint("/openapi.yaml", parameters: [], answer: .openAPI, canonicalPaths: { _ in [] }),
        Endpoint("/healthz", parameters: [], answer: .health, canonicalPaths: { _ in [] }),
        Endpoint("/readyz", parameters: [], answer: .readiness, canonicalPaths: { _ in [] }),
        Endpoint("/metrics", parameters: [], answer: .metrics, canonicalPaths: { _ in [] }),
    ]
}
