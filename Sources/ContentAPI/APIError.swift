import ContentModel
import HTTP1
import JSON

/// What a query parameter accepts, in the words of a problem's `detail` and as members a program reads:
/// `allowed` (always an array of values), bounds (`minimum`, `maximum`, `minLength`, `maxLength`,
/// `minItems`, `maxItems`) and `expected` (the words).
public struct Accepted: Sendable, Equatable {
    public var words: String
    public var values: [String]? = nil
    public var minimum: Int? = nil
    public var maximum: Int? = nil
    public var minLength: Int? = nil
    public var maxLength: Int? = nil
    public var minItems: Int? = nil
    public var maxItems: Int? = nil

    /// A rule only words can say (an encoding, a pattern).
    public static func rule(_ words: String) -> Accepted { Accepted(words: words) }

    public static func oneOf(_ values: [String]) -> Accepted {
        Accepted(words: "one of: " + values.joined(separator: ", "), values: values)
    }

    /// A comma-separated list of `values`.
    public static func listOf(_ values: [String]) -> Accepted {
        Accepted(words: "a comma-separated list of: " + values.joined(separator: ", "), values: values)
    }

    /// A whole number from `minimum`, up to `maximum` when there is one.
    public static func integer(from minimum: Int, to maximum: Int? = nil) -> Accepted {
        Accepted(
            words: "a whole number from \(minimum)" + (maximum.map { " to \($0)" } ?? ""), minimum: minimum,
            maximum: maximum)
    }

    /// Text of `range` code points; `words` adds what a length cannot say.
    public static func length(_ range: ClosedRange<Int>, _ more: String = "") -> Accepted {
        Accepted(
            words: "\(range.lowerBound) to \(range.upperBound) characters" + more, minLength: range.lowerBound,
            maxLength: range.upperBound)
    }

    /// A comma-separated list of `range` items.
    public static func items(_ range: ClosedRange<Int>, of what: String) -> Accepted {
        Accepted(
            words: "\(range.lowerBound) to \(range.upperBound) \(what), comma-separated", minItems: range.lowerBound,
            maxItems: range.upperBound)
    }

    var members: [(String, JSONValue)] {
        var members: [(String, JSONValue)] = [("expected", .string(words))]
        if let values { members.append(("allowed", .array(values.map(JSONValue.string)))) }
        let bounds = [
            ("minimum", minimum), ("maximum", maximum), ("minLength", minLength), ("maxLength", maxLength),
            ("minItems", minItems), ("maxItems", maxItems),
        ]
        for case (let name, let bound?) in bounds { members.append((name, .number(Double(bound)))) }
        return members
    }
}

/// A name in a list that matched no record, with the closest existing ones.
public struct UnknownName: Sendable, Equatable {
    public var value: String
    public var suggestions: [String]
}

/// Every way a request to the API can fail, mapped to a problem+json response in one place.
public enum APIError: Error, Sendable, Equatable {
    /// A query parameter with a bad value, and what would be accepted.
    case invalidParameter(name: String, value: String, allowed: Accepted)
    case unknownParameter(name: String, allowed: [String])
    case repeatedParameter(name: String)
    /// A filter naming a record that does not exist (`class=serms`), with every id and the closest: 404,
    /// as for `/v1/compare?agents=` naming an unknown agent.
    case unknownID(parameter: String, value: String, known: [String], suggestions: [String])
    /// A FHIR search modifier (`code:not`) this server does not support.
    case unsupportedModifier(parameter: String, modifier: String)
    case missingParameter(name: String, expected: String)
    /// A record that does not exist, with the closest existing ids.
    case notFound(kind: String, id: String, suggestions: [String])
    /// Agents named in a list that do not exist, each with its suggestions.
    case unknownAgents([UnknownName])
    case noRoute(path: String, suggestions: [String])
    /// `/docs` on a server whose docs folder is missing or incomplete: why, and what to run.
    case docsUnavailable(reason: String)
    case methodNotAllowed(path: String, allowed: [String])
    /// A method token this server implements for no resource (RFC 9110 §15.6.2).
    case notImplemented(method: String)
    /// Bytes that are not a request HTTP/1.1 accepts (or that did not arrive in time).
    case malformed(HTTPParseError)
    case notReady(reason: String)
    /// The client accepts no representation we serve (FHIR XML).
    case notAcceptable(detail: String)

    var status: HTTPStatus {
        switch self {
        case .invalidParameter, .unknownParameter, .repeatedParameter, .missingParameter, .unsupportedModifier:
            .badRequest
        // Like `/v1/compare?agents=` naming an unknown agent: the records asked for do not exist.
        case .notFound, .noRoute, .unknownAgents, .unknownID, .docsUnavailable: .notFound
        case .methodNotAllowed: .methodNotAllowed
        case .notImplemented: .notImplemented
        case .malformed(let error): error.status
        case .notReady: .serviceUnavailable
        case .notAcceptable: .notAcceptable
        }
    }

    var detail: String {
        switch self {
        case .invalidParameter(let name, let value, let allowed):
            "Query parameter '\(name)' has the value '\(Self.quoted(value))'; allowed: \(allowed.words)."
        case .unknownParameter(let name, let allowed):
            "Unknown query parameter '\(Self.quoted(name))'; this resource takes: "
                + (allowed.isEmpty ? "none" : allowed.joined(separator: ", ")) + "."
        case .repeatedParameter(let name): "Query parameter '\(name)' is given more than once."
        case .unknownID(let parameter, let value, _, let suggestions):
            "Query parameter '\(parameter)' names no record: '\(Self.quoted(value))'."
                + (suggestions.isEmpty
                    ? "" : " Did you mean " + suggestions.map { "'\($0)'" }.joined(separator: " or ") + "?")
        case .unsupportedModifier(let parameter, let modifier):
            "The modifier ':\(Self.quoted(modifier))' of search parameter '\(parameter)' is not supported; "
                + "this server supports no modifiers."
        case .missingParameter(let name, let expected): "Query parameter '\(name)' is required: \(expected)."
        case .notFound(let kind, let id, let suggestions):
            "No \(kind) '\(Self.quoted(id))'."
                + (suggestions.isEmpty
                    ? "" : " Did you mean " + suggestions.map { "'\($0)'" }.joined(separator: " or ") + "?")
        case .unknownAgents(let names):
            "No agent "
                + names.map { name in
                    "'\(Self.quoted(name.value))'"
                        + (name.suggestions.isEmpty
                            ? "" : " (did you mean \(name.suggestions.joined(separator: " or "))?)")
                }.joined(separator: ", ") + "."
        case .noRoute(let path, let suggestions):
            "No resource at '\(Self.quoted(path))'."
                + (suggestions.isEmpty
                    ? "" : " Did you mean " + suggestions.map { "'\($0)'" }.joined(separator: " or ") + "?")
        case .methodNotAllowed(let path, let allowed):
            "'\(Self.quoted(path))' allows \(allowed.joined(separator: ", "))."
        case .docsUnavailable(let reason): reason
        case .notImplemented(let method): "The method '\(Self.quoted(method))' is not implemented."
        case .malformed(let error): error.detail
        case .notReady(let reason): reason
        case .notAcceptable(let detail): detail
        }
    }

    /// Client-supplied text echoed in a detail: at most 100 characters, control characters dropped.
    static func quoted(_ text: String) -> String {
        let cleaned = String(
            String.UnicodeScalarView(text.unicodeScalars.filter { $0.value >= 0x20 && $0.value != 0x7F }))
        return cleaned.count > 100 ? String(cleaned.prefix(100)) + "…" : cleaned
    }

    var type: ProblemType {
        switch self {
        case .invalidParameter: .invalidParameter
        case .unknownParameter: .unknownParameter
        case .repeatedParameter: .repeatedParameter
        case .unknownID: .unknownID
        case .unsupportedModifier: .unsupportedModifier
        case .missingParameter: .missingParameter
        case .notFound: .notFound
        case .unknownAgents: .unknownAgents
        case .noRoute: .noRoute
        case .docsUnavailable: .docsUnavailable
        case .methodNotAllowed: .methodNotAllowed
        case .notImplemented: .notImplemented
        case .malformed: .malformedRequest
        case .notReady: .notReady
        case .notAcceptable: .notAcceptable
        }
    }

    /// RFC 9457 members, plus the extension members of its type (`ProblemType.members`); `type` is the
    /// type's documentation under `basePath`.
    func problem(basePath: String) -> JSONValue {
        var members: [(String, JSONValue)] = [
            ("type", .string(type.uri(basePath: basePath))), ("title", .string(type.title)),
            ("status", .number(Double(status.code))), ("detail", .string(detail)),
        ]
        switch self {
        case .invalidParameter(let name, _, let allowed):
            members += [("parameter", .string(name))] + allowed.members
        case .missingParameter(let name, let expected):
            members += [("parameter", .string(name)), ("expected", .string(expected))]
        case .unknownParameter(let name, let allowed):
            members += [("parameter", .string(Self.quoted(name))), ("allowed", .array(allowed.map(JSONValue.string)))]
        case .repeatedParameter(let name), .unsupportedModifier(let name, _):
            members.append(("parameter", .string(name)))
        case .unknownID(let name, _, let known, let suggestions):
            members += [
                ("parameter", .string(name)), ("allowed", .array(known.map(JSONValue.string))),
                ("suggestions", .array(suggestions.map(JSONValue.string))),
            ]
        case .notFound(_, _, let suggestions), .noRoute(_, let suggestions):
            members.append(("suggestions", .array(suggestions.map(JSONValue.string))))
        case .methodNotAllowed(_, let allowed):
            members.append(("allowed", .array(allowed.map(JSONValue.string))))
        case .unknownAgents(let names):
            members += [
                ("parameter", .string("agents")),
                (
                    "unknown",
                    .array(
                        names.map {
                            .object([
                                ("value", .string(Self.quoted($0.value))),
                                ("suggestions", .array($0.suggestions.map(JSONValue.string))),
                            ])
                        })
                ),
                ("suggestions", .array(names.flatMap(\.suggestions).uniqued().map(JSONValue.string))),
            ]
        case .notReady, .notAcceptable, .notImplemented, .malformed, .docsUnavailable:
            break
        }
        return .object(members)
    }

    /// The same failure as a FHIR `OperationOutcome` (R5 issue-type codes).
    var operationOutcome: JSONValue {
        let code: String
        switch self {
        case .notFound, .noRoute, .unknownAgents, .unknownID, .docsUnavailable: code = "not-found"
        case .unknownParameter, .unsupportedModifier, .notAcceptable, .methodNotAllowed, .notImplemented:
            code = "not-supported"
        case .invalidParameter, .repeatedParameter, .missingParameter, .malformed: code = "invalid"
        case .notReady: code = "transient"
        }
        return FHIR.OperationOutcome(severity: "error", code: code, diagnostics: detail).json
    }
}
