import ContentModel

/// One endpoint of the API, declared once in `Endpoint.fixed` (or for a declared kind, `Endpoint.declared`): its path pattern as spelled in openapi.yaml,
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

}

/// The endpoints of one content: `Endpoint.fixed` with, after the `/v1` rows, a list and a detail for
/// each kind the content's schemas declare. Built once per content; without content, the fixed rows.
public struct Routes: Sendable {
    /// In the order of openapi.yaml's paths.
    public let endpoints: [Endpoint]
    /// The routes without parameters, by path: most requests are answered by one dictionary lookup.
    private let literal: [String: Int]

    public init(kinds: [RecordKind]) {
        let declared = kinds.filter(\.isGeneric).flatMap(Endpoint.declared)
        let split = Endpoint.fixed.firstIndex { !$0.pattern.hasPrefix("/v1/") && $0.pattern != "/" }
        var endpoints = Endpoint.fixed
        endpoints.insert(contentsOf: declared, at: split ?? endpoints.endIndex)
        self.endpoints = endpoints
        literal = Dictionary(
            endpoints.indices.filter { !endpoints[$0].pattern.contains("{") }.map { (endpoints[$0].pattern, $0) },
            uniquingKeysWith: { first, _ in first })
    }

    /// The routes of no content: what answers before content loads.
    static let fixed = Routes(kinds: [])

    /// The endpoint for a decoded path (base path already removed), with its path parameters.
    func find(_ path: String) -> (Endpoint, [String: String])? {
        if let index = literal[path] { return (endpoints[index], [:]) }
        let parts = path.split(separator: "/", omittingEmptySubsequences: false).dropFirst()
        let trimmed = parts.count == 1 && parts.first == "" ? [] : Array(parts)
        if trimmed.contains("") { return nil }
        for endpoint in endpoints { if let parameters = endpoint.match(trimmed) { return (endpoint, parameters) } }
        return nil
    }

    /// The patterns without parameters.
    var literalPatterns: [String] { endpoints.map(\.pattern).filter { !$0.contains("{") } }
}

/// What a handler is given besides the content: the path parameters, the checked query (for `/v1`),
/// and for `/fhir` the raw query with where the client reached us.
struct EndpointRequest: Sendable {
    let path: [String: String]
    let query: QueryParameters
    let fhir: FHIRRequest?

    subscript(_ name: String) -> String { path[name] ?? "" }
}
