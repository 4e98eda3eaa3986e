/// The API's resources, each spelled as in openapi.yaml: one table, matched segment by segment.
public struct Route: Sendable, Hashable {
    public let pattern: String
    let segments: [Segment]

    enum Segment: Sendable, Hashable {
        case literal(String)
        case parameter(String)
    }

    init(_ pattern: String) {
        self.pattern = pattern
        segments = pattern.split(separator: "/").map { part in
            part.hasPrefix("{") && part.hasSuffix("}")
                ? .parameter(String(part.dropFirst().dropLast())) : .literal(String(part))
        }
    }

    /// The path parameters when `path` matches, else nil. `/` matches only the root route.
    func match(_ parts: [Substring]) -> [String: String]? {
        guard parts.count == segments.count else { return nil }
        var parameters: [String: String] = [:]
        for (segment, part) in zip(segments, parts) {
            switch segment {
            case .literal(let text): if text != part { return nil }
            case .parameter(let name): parameters[name] = String(part)
            }
        }
        return parameters
    }

    /// Every resource the API serves, for GET and HEAD (and CORS preflight OPTIONS).
    public static let all: [Route] = [
        "/", "/v1/agents", "/v1/agents/{id}", "/v1/classes", "/v1/classes/{id}", "/v1/tissues", "/v1/tissues/{id}",
        "/v1/comparisons", "/v1/comparisons/{id}", "/v1/compare", "/v1/glossary", "/v1/glossary/{term}",
        "/v1/documents", "/v1/documents/{id}", "/v1/documents/{id}/sections/{sectionId}", "/v1/references",
        "/v1/references/{id}", "/v1/notes", "/v1/notes/{id}", "/v1/sources", "/v1/sources/{id}", "/v1/search",
        "/v1/export", "/openapi.yaml",
        "/healthz", "/readyz", "/metrics",
    ].map(Route.init)

    /// The routes without parameters, by path: most requests are answered by one dictionary lookup.
    private static let literal: [String: Route] = Dictionary(
        uniqueKeysWithValues: all.filter { !$0.pattern.contains("{") }.map { ($0.pattern, $0) })

    /// The route for a decoded path, with its parameters.
    static func find(_ path: String) -> (Route, [String: String])? {
        if let route = literal[path] { return (route, [:]) }
        let parts = path.split(separator: "/", omittingEmptySubsequences: false).dropFirst()
        let trimmed = parts.count == 1 && parts.first == "" ? [] : Array(parts)
        if trimmed.contains("") { return nil }
        for route in all { if let parameters = route.match(trimmed) { return (route, parameters) } }
        return nil
    }
}
