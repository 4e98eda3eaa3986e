import ContentModel

extension Endpoint {
    private static let list = ["limit", "offset"]

    /// Every endpoint of the API, in the order of openapi.yaml's paths.
    public static let all: [Endpoint] = [
        .json("/", paths: { _ in ["/"] }) { service, _, _ in service.root() },
        .json(
            "/v1/agents", ["class", "tissue", "effect", "q", "fields"] + list, paths: { _ in ["/v1/agents"] }
        ) { service, _, query throws(APIError) in try service.agents(query) },
        .json("/v1/agents/{id}", ["fields", "include"], paths: { $0.agents.map { "/v1/agents/\($0.id)" } }) {
            service, path, query throws(APIError) in try service.agent(path["id"] ?? "", query)
        },
        .json("/v1/classes", paths: { _ in ["/v1/classes"] }) { service, _, _ in service.classes() },
        .json("/v1/classes/{id}", paths: { $0.classes.map { "/v1/classes/\($0.id)" } }) {
            service, path, _ throws(APIError) in try service.agentClass(path["id"] ?? "")
        },
        .json("/v1/tissues", paths: { _ in ["/v1/tissues"] }) { service, _, _ in service.tissues() },
        .json("/v1/tissues/{id}", paths: { $0.tissues.map { "/v1/tissues/\($0.id)" } }) {
            service, path, _ throws(APIError) in try service.tissue(path["id"] ?? "")
        },
        .json("/v1/comparisons", paths: { _ in ["/v1/comparisons"] }) { service, _, _ in service.comparisons() },
        .json("/v1/comparisons/{id}", paths: { $0.comparisons.map { "/v1/comparisons/\($0.id)" } }) {
            service, path, _ throws(APIError) in try service.comparison(path["id"] ?? "")
        },
        .json("/v1/compare", ["agents"], paths: { _ in [] }) { service, _, query throws(APIError) in
            try service.compare(query)
        },
        .json("/v1/glossary", ["prefix", "q", "fields"] + list, paths: { _ in ["/v1/glossary"] }) {
            service, _, query throws(APIError) in try service.glossary(query)
        },
        .json("/v1/glossary/{term}", ["fields", "include"], paths: { $0.glossary.map { "/v1/glossary/\($0.id)" } }) {
            service, path, query throws(APIError) in try service.glossaryEntry(path["term"] ?? "", query)
        },
        .json("/v1/documents", paths: { _ in ["/v1/documents"] }) { service, _, _ in service.documents() },
        .json("/v1/documents/{id}", paths: { $0.documents.map { "/v1/documents/\($0.id)" } }) {
            service, path, _ throws(APIError) in try service.document(path["id"] ?? "")
        },
        .json(
            "/v1/documents/{id}/sections/{sectionId}", ["include"],
            paths: { library in
                library.documents.flatMap { document in
                    document.sections.map { "/v1/documents/\(document.id)/sections/\($0.id)" }
                }
            }
        ) { service, path, query throws(APIError) in
            try service.section(path["id"] ?? "", path["sectionId"] ?? "", query)
        },
        .json("/v1/references", list, paths: { _ in ["/v1/references"] }) { service, _, query throws(APIError) in
            try service.references(query)
        },
        .json("/v1/references/{id}", paths: { $0.references.map { "/v1/references/\($0.id)" } }) {
            service, path, _ throws(APIError) in try service.reference(path["id"] ?? "")
        },
        .json("/v1/notes", list, paths: { _ in ["/v1/notes"] }) { service, _, query throws(APIError) in
            try service.notes(query)
        },
        .json("/v1/notes/{id}", paths: { $0.notes.map { "/v1/notes/\($0.id)" } }) {
            service, path, _ throws(APIError) in try service.note(path["id"] ?? "")
        },
        .json("/v1/sources", ["kind"] + list, paths: { _ in ["/v1/sources"] }) { service, _, query throws(APIError) in
            try service.sources(query)
        },
        .json("/v1/sources/{id}", paths: { $0.sources.map { "/v1/sources/\($0.id)" } }) {
            service, path, _ throws(APIError) in try service.source(path["id"] ?? "")
        },
        .json("/v1/search", ["q", "type", "limit"], paths: { _ in [] }) { service, _, query throws(APIError) in
            try service.search(query)
        },
        Endpoint(
            "/v1/export", parameters: [], answer: .content({ service, _, _ in service.export() }),
            canonicalPaths: { _ in ["/v1/export"] }),
        Endpoint("/openapi.yaml", parameters: [], answer: .openAPI, canonicalPaths: { _ in [] }),
        Endpoint("/healthz", parameters: [], answer: .health, canonicalPaths: { _ in [] }),
        Endpoint("/readyz", parameters: [], answer: .readiness, canonicalPaths: { _ in [] }),
        Endpoint("/metrics", parameters: [], answer: .metrics, canonicalPaths: { _ in [] }),
    ]
}
