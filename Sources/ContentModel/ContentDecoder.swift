/// Turns the JSON tree of each content file into model values, recording every structural problem
/// (missing field, wrong type, unknown key, unknown enum value) with its path.
struct ContentDecoder {
    let reader: JSONReader

    init(file: String) { reader = JSONReader(file: file) }

    var problems: [ContentProblem] { reader.problems }

    /// The top-level `{ "<key>": [ ... ] }` of a collection file.
    func collection<T>(_ root: JSONValue, key: String, _ element: (JSONValue, String) -> T?) -> [T] {
        reader.record(root, at: "$", alsoKnown: ["$schema"]) { object in
            object.array(key) { value, path in element(value, path) }.compactMap { $0 }
        } ?? []
    }

    func enumeration<T: RawRepresentable>(_ object: JSONReader.Object, _ key: String, fallback: T) -> T
    where T.RawValue == String, T: CaseIterable {
        guard object.value(key) != nil else {
            reader.problem(object.path, "missing field '\(key)'")
            return fallback
        }
        let raw = object.string(key)
        guard let value = T(rawValue: raw) else {
            let allowed = T.allCases.map(\.rawValue).joined(separator: ", ")
            reader.problem("\(object.path).\(key)", "'\(raw)' is not one of: \(allowed)")
            return fallback
        }
        return value
    }

    /// `{"source": id}`, or `{"source": id, "section": id}` for a section of a document source.
    func provenance(_ object: JSONReader.Object) -> [Provenance] {
        object.array("provenance") { value, path in
            reader.record(value, at: path) {
                Provenance(source: $0.string("source"), section: $0.stringIfPresent("section"))
            }
        }.compactMap { $0 }
    }

    func facts(_ object: JSONReader.Object, _ key: String) -> [Fact] {
        object.array(key, fact).compactMap { $0 }
    }

    func fact(_ value: JSONValue, at path: String) -> Fact? {
        reader.record(value, at: path) {
            Fact(text: $0.string("text"), provenance: provenance($0), notes: $0.strings("notes"))
        }
    }

    func quantity(_ object: JSONReader.Object, _ key: String) -> Quantity? {
        guard let value = object.value(key) else {
            reader.problem(object.path, "missing field '\(key)'")
            return nil
        }
        if case .null = value { return nil }
        return reader.record(value, at: "\(object.path).\(key)") {
            Quantity(min: $0.number("min") ?? 0, max: $0.number("max") ?? 0, unit: $0.string("unit"))
        }
    }

    func metadata(_ root: JSONValue) -> Library.Metadata? {
        reader.record(root, at: "$", alsoKnown: ["$schema"]) {
            Library.Metadata(
                title: $0.string("title"), language: $0.string("language"),
                lastReviewed: $0.string("lastReviewed"), disclaimer: $0.string("disclaimer"))
        }
    }

    func document(_ root: JSONValue) -> Document? {
        reader.record(root, at: "$", alsoKnown: ["$schema"]) { object in
            Document(
                id: object.string("id"), title: object.string("title"), summary: object.string("summary"),
                sourceNote: object.string("sourceNote"),
                sections: object.array("sections", section).compactMap { $0 })
        }
    }

    private func section(_ value: JSONValue, at path: String) -> Section? {
        reader.record(value, at: path) { object in
            Section(
                id: object.string("id"), title: object.string("title"),
                level: enumeration(object, "level", fallback: ReadingLevel.fundamentals),
                blocks: object.array("blocks", block).compactMap { $0 }, notes: object.strings("notes"))
        }
    }

    private func block(_ value: JSONValue, at path: String) -> Block? {
        guard case .object(let fields, _) = value, case .string(let type)? = fields["type"] else {
            reader.problem(path, "a block must be an object with a string 'type'")
            return nil
        }
        switch type {
        case "paragraph":
            return reader.record(value, at: path, alsoKnown: ["type"]) {
                .paragraph(text: $0.string("text"), notes: $0.strings("notes"))
            }
        case "keyPoint":
            return reader.record(value, at: path, alsoKnown: ["type"]) { .keyPoint(text: $0.string("text")) }
        case "list":
            return reader.record(value, at: path, alsoKnown: ["type"]) { object in
                .list(
                    items: object.array("items") { value, path in
                        reader.record(value, at: path) {
                            Block.ListItem(
                                term: $0.optionalString("term"), text: $0.string("text"), notes: $0.strings("notes"))
                        }
                    }.compactMap { $0 })
            }
        case "table":
            return reader.record(value, at: path, alsoKnown: ["type"]) {
                .table(comparison: $0.string("comparison"))
            }
        default:
            reader.problem("\(path).type", "'\(type)' is not one of: paragraph, keyPoint, list, table")
            return nil
        }
    }
}
