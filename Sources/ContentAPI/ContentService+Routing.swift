import ContentModel

extension ContentService {
    /// The query parameters each route accepts (`pretty` on every JSON route).
    static func allowedParameters(_ route: Route) -> [String] {
        switch route.pattern {
        case "/v1/agents": ["class", "tissue", "effect", "q", "limit", "offset", "fields", "pretty"]
        case "/v1/agents/{id}": ["fields", "include", "pretty"]
        case "/v1/glossary": ["prefix", "q", "limit", "offset", "fields", "pretty"]
        case "/v1/glossary/{term}": ["fields", "include", "pretty"]
        case "/v1/documents/{id}/sections/{sectionId}": ["include", "pretty"]
        case "/v1/references", "/v1/notes": ["limit", "offset", "pretty"]
        case "/v1/sources": ["kind", "limit", "offset", "pretty"]
        case "/v1/compare": ["agents", "pretty"]
        case "/v1/search": ["q", "type", "limit", "pretty"]
        case "/v1/export", "/openapi.yaml", "/healthz", "/readyz", "/metrics": []
        default: ["pretty"]
        }
    }

    /// The body for a content route. Operational routes (`/healthz`, `/readyz`, `/openapi.yaml`) are the
    /// responder's, not the content's.
    func body(_ route: Route, _ parameters: [String: String], _ query: QueryParameters) throws(APIError) -> Body {
        let id = parameters["id"] ?? ""
        switch route.pattern {
        case "/": return root()
        case "/v1/agents": return try agents(query)
        case "/v1/agents/{id}": return try agent(id, query)
        case "/v1/classes": return classes()
        case "/v1/classes/{id}": return try agentClass(id)
        case "/v1/tissues": return tissues()
        case "/v1/tissues/{id}": return try tissue(id)
        case "/v1/comparisons": return comparisons()
        case "/v1/comparisons/{id}": return try comparison(id)
        case "/v1/compare": return try compare(query)
        case "/v1/glossary": return try glossary(query)
        case "/v1/glossary/{term}": return try glossaryEntry(parameters["term"] ?? "", query)
        case "/v1/documents": return documents()
        case "/v1/documents/{id}": return try document(id)
        case "/v1/documents/{id}/sections/{sectionId}": return try section(id, parameters["sectionId"] ?? "", query)
        case "/v1/references": return try references(query)
        case "/v1/references/{id}": return try reference(id)
        case "/v1/notes": return try notes(query)
        case "/v1/notes/{id}": return try note(id)
        case "/v1/sources": return try sources(query)
        case "/v1/sources/{id}": return try source(id)
        case "/v1/search": return try search(query)
        case "/v1/export": return export()
        default: throw .noRoute(path: route.pattern, suggestions: [])
        }
    }

    /// Every concrete path of the content with its default representation, for precomputation.
    var canonicalPaths: [String] {
        var paths = [
            "/", "/v1/agents", "/v1/classes", "/v1/tissues", "/v1/comparisons", "/v1/glossary", "/v1/documents",
            "/v1/references", "/v1/notes", "/v1/sources", "/v1/export",
        ]
        paths += library.agents.map { "/v1/agents/\($0.id)" }
        paths += library.classes.map { "/v1/classes/\($0.id)" }
        paths += library.tissues.map { "/v1/tissues/\($0.id)" }
        paths += library.comparisons.map { "/v1/comparisons/\($0.id)" }
        paths += library.glossary.map { "/v1/glossary/\($0.id)" }
        paths += library.references.map { "/v1/references/\($0.id)" }
        paths += library.notes.map { "/v1/notes/\($0.id)" }
        paths += library.sources.map { "/v1/sources/\($0.id)" }
        for document in library.documents {
            paths.append("/v1/documents/\(document.id)")
            paths += document.sections.map { "/v1/documents/\(document.id)/sections/\($0.id)" }
        }
        return paths
    }
}
