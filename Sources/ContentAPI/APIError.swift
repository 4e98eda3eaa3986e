import ContentModel
import HTTP1
import JSON

/// Every way a request to the API can fail, mapped to a problem+json response in one place.
public enum APIError: Error, Sendable, Equatable {
    /// A query parameter with a bad value; `allowed` says what would be accepted.
    case invalidParameter(name: String, value: String, allowed: String)
    case unknownParameter(name: String, allowed: [String])
    case repeatedParameter(name: String)
    /// A filter naming a record that does not exist (`class=serms`), with every id and the closest: 404,
    /// as for `/v1/compare?agents=` naming an unknown agent.
    case unknownID(parameter: String, value: String, known: [String], suggestions: [String])
    /// A FHIR search modifier (`code:not`) this server does not support.
    case unsupportedModifier(parameter: String, modifier: String)
    case missingParameter(name: String, allowed: String)
    /// A record that does not exist, with the closest existing ids.
    case notFound(kind: String, id: String, suggestions: [String])
    /// Agents named in a list that do not exist, each quoted with its suggestions.
    case unknownAgents([String])
    case noRoute(path: String, suggestions: [String])
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
        case .notFound, .noRoute, .unknownAgents, .unknownID: .notFound
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
            "Query parameter '\(name)' has the value '\(Self.quoted(value))'; allowed: \(allowed)."
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
        case .missingParameter(let name, let allowed): "Query parameter '\(name)' is required: \(allowed)."
        case .notFound(let kind, let id, let suggestions):
            "No \(kind) '\(Self.quoted(id))'."
                + (suggestions.isEmpty
                    ? "" : " Did you mean " + suggestions.map { "'\($0)'" }.joined(separator: " or ") + "?")
        case .unknownAgents(let names):
            "No agent " + names.joined(separator: ", ") + "."
        case .noRoute(let path, let suggestions):
            "No resource at '\(Self.quoted(path))'."
                + (suggestions.isEmpty
                    ? "" : " Did you mean " + suggestions.map { "'\($0)'" }.joined(separator: " or ") + "?")
        case .methodNotAllowed(let path, let allowed):
            "'\(Self.quoted(path))' allows \(allowed.joined(separator: ", "))."
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

    /// RFC 9457 members, plus `parameter`, `allowed` or `suggestions` where they help.
    var problem: JSONValue {
        var members: [(String, JSONValue)] = [
            ("type", .string("about:blank")), ("title", .string(status.reasonPhrase)),
            ("status", .number(Double(status.code))), ("detail", .string(detail)),
        ]
        switch self {
        case .invalidParameter(let name, _, let allowed), .missingParameter(let name, let allowed):
            members += [("parameter", .string(name)), ("allowed", .string(allowed))]
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
        case .unknownAgents:
            members.append(("parameter", .string("agents")))
        case .notReady, .notAcceptable, .notImplemented, .malformed:
            break
        }
        return .object(members)
    }

    /// The same failure as a FHIR `OperationOutcome` (R5 issue-type codes).
    var operationOutcome: JSONValue {
        let code: String
        switch self {
        case .notFound, .noRoute, .unknownAgents, .unknownID: code = "not-found"
        case .unknownParameter, .unsupportedModifier, .notAcceptable, .methodNotAllowed, .notImplemented:
            code = "not-supported"
        case .invalidParameter, .repeatedParameter, .missingParameter, .malformed: code = "invalid"
        case .notReady: code = "transient"
        }
        return FHIRView.outcome(severity: "error", code: code, diagnostics: detail)
    }
}
