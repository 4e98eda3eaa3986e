import JSON

extension ContentProblem {
    /// A schema failure in the loader's words, or nil where another check already says it better: a
    /// text pattern broken by whitespace at an end, the `∞` artifact or a control character is
    /// `TextRules`'s to report, with the rule it breaks.
    init?(_ failure: SchemaFailure, file: String) {
        guard let message = Self.message(failure.reason, path: failure.path) else { return nil }
        self.init(file: file, path: failure.path, message: message)
    }

    private static func message(_ reason: SchemaFailure.Reason, path: String) -> String? {
        switch reason {
        case .type(let expected, let found):
            return
                "expected \(article(expected.first ?? "value")) \(expected.joined(separator: " or ")), found \(found)"
        case .missing(let property, let admits):
            guard admits.contains("null") else { return "missing field '\(property)'" }
            let hint = admits.contains("array") ? ", [] when it says none" : ""
            return "missing field '\(property)' (use null when the source says nothing\(hint))"
        case .unknownProperty:
            return "unknown field"
        case .notInEnum(let found, let allowed):
            return "\(quoted(found)) is not one of: \(allowed.map(plain).joined(separator: ", "))"
        case .notConst(let expected):
            return "must be \(quoted(expected))"
        case .pattern(let pattern, let text, let message, let types):
            if text.unicodeScalars.allSatisfy(\.properties.isWhitespace) {
                return emptyText(at: path, nullable: types.contains("null"))
            }
            if TextRules.breaks(text) { return nil }
            return "'\(text)' is not \(message ?? "in the form \(pattern)")"
        case .minLength(let bound): return "too short (at least \(bound) characters)"
        case .maxLength(let bound): return "too long (at most \(bound) characters)"
        case .minItems(let bound): return "needs at least \(bound) item\(bound == 1 ? "" : "s")"
        case .maxItems(let bound): return "has more than \(bound) item\(bound == 1 ? "" : "s")"
        case .minimum(let bound): return "below the minimum \(JSONValue.format(bound))"
        case .maximum(let bound): return "above the maximum \(JSONValue.format(bound))"
        case .noneOf(let message): return message ?? "matches none of the allowed forms"
        case .forbidden: return "not allowed here"
        case .unresolvedReference(let reference): return "the schema refers to '\(reference)', which does not exist"
        case .unsupportedKeyword(let keyword): return "the schema uses '\(keyword)', which the loader does not check"
        case .unsupportedPattern(let pattern): return "the schema's pattern '\(pattern)' cannot be compiled"
        }
    }

    /// What to do instead of empty text depends on the field: text is never empty; a field that may be
    /// null says "the source says nothing" with null; a list says "none" with [].
    private static func emptyText(at path: String, nullable: Bool) -> String {
        if path.hasSuffix("]") { return "empty text (remove the item; an empty list is [])" }
        if nullable { return "empty text (use null when the source says nothing)" }
        return "empty text (this field needs text; it cannot be null)"
    }

    private static func article(_ type: String) -> String {
        type.first.map { "aeiou".contains($0) } == true ? "an" : "a"
    }

    private static func plain(_ value: JSONValue) -> String {
        if case .string(let text) = value { return text }
        return String(decoding: value.encoded(), as: UTF8.self)
    }

    private static func quoted(_ value: JSONValue) -> String { "'\(plain(value))'" }
}
