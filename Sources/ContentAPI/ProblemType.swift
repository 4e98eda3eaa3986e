import JSON

/// The kinds of problem this API reports. A problem's `type` is `<base path>/problems/<slug>`: a
/// relative reference (RFC 9457 §3.1.1) that resolves, through any proxy that serves the API under
/// `BASE_PATH`, to this type's documentation (`GET /problems/{id}`), the same for every problem of a
/// kind, so a program can branch on it. The title, too, is the same for every occurrence (§3.1.3).
public enum ProblemType: String, CaseIterable, Sendable {
    case invalidParameter = "invalid-parameter"
    case unknownParameter = "unknown-parameter"
    case repeatedParameter = "repeated-parameter"
    case missingParameter = "missing-parameter"
    case unsupportedModifier = "unsupported-modifier"
    case unknownID = "unknown-id"
    case notFound = "not-found"
    case unknownAgents = "unknown-agents"
    case noRoute = "no-route"
    case docsUnavailable = "docs-unavailable"
    case methodNotAllowed = "method-not-allowed"
    case notImplemented = "not-implemented"
    case malformedRequest = "malformed-request"
    case notReady = "not-ready"
    case notAcceptable = "not-acceptable"

    public var slug: String { rawValue }

    public func uri(basePath: String) -> String { basePath + "/problems/" + rawValue }

    public var title: String {
        switch self {
        case .invalidParameter: "Invalid query parameter"
        case .unknownParameter: "Unknown query parameter"
        case .repeatedParameter: "Repeated query parameter"
        case .missingParameter: "Missing query parameter"
        case .unsupportedModifier: "Unsupported search modifier"
        case .unknownID: "Filter names no record"
        case .notFound: "No such record"
        case .unknownAgents: "Unknown agents"
        case .noRoute: "No such resource"
        case .docsUnavailable: "Docs page not installed"
        case .methodNotAllowed: "Method not allowed"
        case .notImplemented: "Method not implemented"
        case .malformedRequest: "Request not accepted"
        case .notReady: "Not ready"
        case .notAcceptable: "Not acceptable"
        }
    }

    /// The statuses a problem of this type comes with.
    public var statuses: [Int] {
        switch self {
        case .invalidParameter, .unknownParameter, .repeatedParameter, .missingParameter, .unsupportedModifier: [400]
        case .unknownID, .notFound, .unknownAgents, .noRoute, .docsUnavailable: [404]
        case .methodNotAllowed: [405]
        case .notImplemented: [501]
        case .malformedRequest: [400, 408, 413, 414, 417, 431, 501, 505]
        case .notReady: [503]
        case .notAcceptable: [406]
        }
    }

    public var description: String {
        switch self {
        case .invalidParameter:
            "A query parameter has a value this resource does not accept. `allowed` lists the values when "
                + "they are few; `minimum`/`maximum` bound a whole number, `minLength`/`maxLength` text (in "
                + "Unicode code points), `minItems`/`maxItems` a list; `expected` says the same in words."
        case .unknownParameter:
            "The resource takes no query parameter of this name; `allowed` lists the ones it takes."
        case .repeatedParameter:
            "A parameter that takes one value was given more than once. Lists (`fields`, `include`, `type`, "
                + "`agents`) may be repeated; their values are joined."
        case .missingParameter: "A required query parameter is absent; `expected` says what to give."
        case .unsupportedModifier: "A FHIR search parameter has a modifier (`code:not`); this server supports none."
        case .unknownID:
            "A filter (`class`, `tissue`) is well-formed but names no record; `allowed` lists every id and "
                + "`suggestions` the closest."
        case .notFound: "No record has this id, name, alias or brand name; `suggestions` lists the closest ids."
        case .unknownAgents:
            "Agents named in `agents` do not exist; `unknown` lists each with its own `suggestions`, and "
                + "`suggestions` holds them all."
        case .noRoute: "No resource lives at this path; `suggestions` lists paths within two edits."
        case .docsUnavailable:
            "The server runs without its docs page (`/docs`): its folder (`DOCS_DIR`) is missing or lacks Swagger "
                + "UI's files; `detail` says which and what to run (`scripts/install-docs-assets`)."
        case .methodNotAllowed:
            "The resource answers only the methods in `allowed` (and in the `Allow` header): GET, HEAD, OPTIONS."
        case .notImplemented: "The method token names no method this server implements for any resource."
        case .malformedRequest:
            "The bytes are not an HTTP/1.1 request this server accepts, or did not arrive in time: the status "
                + "says which limit or rule (400, 408, 413, 414, 417, 431, 501, 505), `detail` what to fix. "
                + "The connection is closed after the response."
        case .notReady: "The server is starting or stopping and serves no content yet; retry after `Retry-After`."
        case .notAcceptable: "The `Accept` header or `_format` asks for a representation this server does not serve."
        }
    }

    /// The extension members a problem of this type may carry, with what each holds.
    public var members: [(String, String)] {
        let parameter = ("parameter", "the query parameter at fault")
        switch self {
        case .invalidParameter:
            return [
                parameter, ("expected", "what the parameter accepts, in words"),
                ("allowed", "the accepted values (an array), when they are few"),
                ("minimum", "a whole number's smallest accepted value"),
                ("maximum", "a whole number's largest accepted value"),
                ("minLength", "text's fewest code points"), ("maxLength", "text's most code points"),
                ("minItems", "a list's fewest items"), ("maxItems", "a list's most items"),
            ]
        case .unknownParameter: return [parameter, ("allowed", "the parameters the resource takes (an array)")]
        case .repeatedParameter, .unsupportedModifier: return [parameter]
        case .missingParameter: return [parameter, ("expected", "what to give, in words")]
        case .unknownID:
            return [
                parameter, ("allowed", "every id the filter may name (an array)"),
                ("suggestions", "the closest ids (an array, possibly empty)"),
            ]
        case .notFound, .noRoute: return [("suggestions", "the closest ids or paths (an array, possibly empty)")]
        case .unknownAgents:
            return [
                parameter,
                ("unknown", "one object per unknown name: `value` (as given) and `suggestions` (an array)"),
                ("suggestions", "every unknown name's suggestions together (an array)"),
            ]
        case .methodNotAllowed: return [("allowed", "the methods the resource answers (an array)")]
        case .notImplemented, .malformedRequest, .notReady, .notAcceptable, .docsUnavailable: return []
        }
    }

    /// This type's documentation, served at its URI.
    func documentation(basePath: String) -> JSONValue {
        .object([
            ("type", .string(uri(basePath: basePath))), ("title", .string(title)),
            ("status", .array(statuses.map { .number(Double($0)) })), ("description", .string(description)),
            ("members", .array(members.map { .object([("name", .string($0.0)), ("description", .string($0.1))]) })),
            (
                "links",
                .object([("self", .string(uri(basePath: basePath))), ("problems", .string(basePath + "/problems"))])
            ),
        ])
    }
}

extension ContentService {
    /// Every problem type, documented.
    func problemTypes() -> Body {
        .json(.object([("items", .array(ProblemType.allCases.map { $0.documentation(basePath: basePath) }))]))
    }

    func problemType(_ slug: String) throws(APIError) -> Body {
        guard let type = ProblemType(rawValue: slug) else {
            throw .notFound(
                kind: "problem type", id: slug,
                suggestions: Self.suggestions(for: slug, among: ProblemType.allCases.map(\.slug)))
        }
        return .json(type.documentation(basePath: basePath))
    }
}
