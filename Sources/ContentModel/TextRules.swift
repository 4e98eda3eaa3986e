import Foundation

/// Rules every string in every content file obeys, checked on the raw JSON so each problem has its
/// exact path: no empty text (use null for "not stated"), no leftover `∞` artifact of the source, no
/// control characters, no leading or trailing whitespace.
enum TextRules {
    static func check(_ value: JSONValue, file: String) -> [ContentProblem] {
        var problems: [ContentProblem] = []
        walk(value, path: "$") { text, path in
            if text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
                problems.append(
                    ContentProblem(
                        file: file, path: path, message: "empty text (use null when the source says nothing)"))
            } else if text.first?.isWhitespace == true || text.last?.isWhitespace == true {
                problems.append(ContentProblem(file: file, path: path, message: "leading or trailing whitespace"))
            }
            if text.contains("\u{221E}") {
                problems.append(
                    ContentProblem(
                        file: file, path: path, message: "leftover '∞' artifact of the source (use ':' or '–')"))
            }
            if text.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) {
                problems.append(ContentProblem(file: file, path: path, message: "control character in text"))
            }
        }
        return problems
    }

    private static func walk(_ value: JSONValue, path: String, _ visit: (String, String) -> Void) {
        switch value {
        case .string(let text): visit(text, path)
        case .array(let items): for (index, item) in items.enumerated() { walk(item, path: "\(path)[\(index)]", visit) }
        case .object(let fields, let order):
            for key in order { if let field = fields[key] { walk(field, path: "\(path).\(key)", visit) } }
        case .number, .bool, .null: break
        }
    }
}
