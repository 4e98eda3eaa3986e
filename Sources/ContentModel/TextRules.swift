import JSON

/// Rules every string in every content file obeys, checked on the raw JSON so each problem has its
/// exact path: no leftover `∞` artifact of the source, no control characters, no leading or trailing
/// whitespace. (Empty text is the schema check's to report: what to do instead depends on the field.)
enum TextRules {
    static func check(_ value: JSONValue, file: String) -> [ContentProblem] {
        var problems: [ContentProblem] = []
        walk(value, path: "$") { text, path in
            // One pass over the scalars: whitespace, the ∞ artifact (U+221E), C0/C1 control characters.
            var onlyWhitespace = true
            var hasInfinity = false
            var hasControl = false
            for scalar in text.unicodeScalars {
                let value = scalar.value
                if value == 0x221E { hasInfinity = true }
                if value < 0x20 || (0x7F...0x9F).contains(value) { hasControl = true }
                if onlyWhitespace && !scalar.properties.isWhitespace { onlyWhitespace = false }
            }
            if onlyWhitespace {
                // Reported by the schema check, which knows whether the field may be null.
            } else if text.unicodeScalars.first?.properties.isWhitespace == true
                || text.unicodeScalars.last?.properties.isWhitespace == true
            {
                problems.append(ContentProblem(file: file, path: path, message: "leading or trailing whitespace"))
            }
            if hasInfinity {
                problems.append(
                    ContentProblem(
                        file: file, path: path, message: "leftover '∞' artifact of the source (use ':' or '–')"))
            }
            if hasControl {
                problems.append(ContentProblem(file: file, path: path, message: "control character in text"))
            }
        }
        return problems
    }

    /// Whether `text` (not only whitespace) breaks one of the rules above.
    static func breaks(_ text: String) -> Bool {
        let scalars = text.unicodeScalars
        if scalars.first?.properties.isWhitespace == true || scalars.last?.properties.isWhitespace == true {
            return true
        }
        return scalars.contains { $0.value == 0x221E || $0.value < 0x20 || (0x7F...0x9F).contains($0.value) }
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
