import ContentModel

/// One endpoint of the API, declared once in `Endpoint.all`: its path pattern as spelled in openapi.yaml,
/// the query parameters it accepts, how it answers, and the concrete paths whose default representation
/// is computed when the content loads. Every endpoint answers GET, HEAD and OPTIONS.
public struct Endpoint: Sendable {
    public let pattern: String
    /// The query parameters accepted; any other is a 400.
    let parameters: [String]
    let answer: Answer
    /// The concrete paths of this endpoint's default representations, precomputed at load.
    let canonicalPaths: @Sendable (ContentService) -> [String]
    let segments: [Segment]

    typealias Handler = @Sendable (ContentService, EndpointRequest) throws(APIError) -> Body

    enum Answer: Sendable {
        /// A `/v1` handler: its query is checked against `parameters` before it is called.
        case content(Handler)
        /// A `/fhir` handler: it reads FHIR's query itself (lenient handling may ignore parameters);
        /// errors are `OperationOutcome`s, and only JSON is acceptable.
        case fhir(Handler)
        /// Answered by the responder itself: probes, metrics and the spec.
        case health, readiness, metrics, openAPI
    }

    enum Segment: Sendable, Hashable {
        case literal(String)
        case parameter(String)
    }

    /// The methods every endpoint answers.
    static let methods = ["GET", "HEAD", "OPTIONS"]
    /// `methods` as an `Allow` (and `Access-Control-Allow-Methods`) value.
    static let allowHeader = methods.joined(separator: ", ")

    init(
        _ pattern: String, parameters: [String], answer: Answer,
        canonicalPaths: @escaping @Sendable (ContentService) -> [String]
    ) {
        self.pattern = pattern
        self.parameters = parameters
        self.answer = answer
        self.canonicalPaths = canonicalPaths
        segments = pattern.split(separator: "/").map { part in
            part.hasPrefix("{") && part.hasSuffix("}")
                ? .parameter(String(part.dropFirst().dropLast())) : .literal(String(part))
        }
    }

    /// A content endpoint whose JSON answers also take `pretty`.
    static func json(
        _ pattern: String, _ parameters: [String] = [], paths: @escaping @Sendable (ContentService) -> [String],
        _ handler: @escaping Handler
    ) -> Endpoint {
        Endpoint(pattern, parameters: parameters + ["pretty"], answer: .content(handler), canonicalPaths: paths)
    }

    /// A FHIR endpoint: its parameters are for the documentation; the handler checks them.
    static func fhir(
        _ pattern: String, _ parameters: [String], paths: @escaping @Sendable (ContentService) -> [String],
        _ handler: @escaping Handler
    ) -> Endpoint {
        Endpoint(pattern, parameters: parameters, answer: .fhir(handler), canonicalPaths: paths)
    }

    /// The path parameters when the path's segments match, else nil. `/` matches only the root.
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

    /// The routes without parameters, by path: most requests are answered by one dictionary lookup.
    private static let literal: [String: Int] = Dictionary(
        uniqueKeysWithValues: all.indices.filter { !all[$0].pattern.contains("{") }.map { (all[$0].pattern, $0) })

    /// The endpoint for a decoded path (base path already removed), with its path parameters.
    static func find(_ path: String) -> (Endpoint, [String: String])? {
        if let index = literal[path] { return (all[index], [:]) }
        let parts = path.split(separator: "/", omittingEmptySubsequences: false).dropFirst()
        let trimmed = parts.count == 1 && parts.first == "" ? [] : Array(parts)
        if trimmed.contains("") { return nil }
        for endpoint in all { if let parameters = endpoint.match(trimmed) { return (endpoint, parameters) } }
        return nil
    }
}

/// What a handler is given besides the content: the path parameters, the checked query (for `/v1`),
/// and for `/fhir` the raw query with where the client reached us.
struct EndpointRequest: Sendable {
    let path: [String: String]
    let query: QueryParameters
    let fhir: FHIRRequest?

    subscript(_ name: String) -> String { path[name] ?? "" }
}
