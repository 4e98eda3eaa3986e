/// Reads one JSON object field by field, recording a `ContentProblem` for every missing field, wrong
/// type or unknown key instead of stopping at the first. Every accessor returns a usable fallback so
/// reading can go on.
final class JSONReader {
    let file: String
    private(set) var problems: [ContentProblem] = []

    init(file: String) { self.file = file }

    func problem(_ path: String, _ message: String) {
        problems.append(ContentProblem(file: file, path: path, message: message))
    }

    /// The keys a reading asked for: whatever the reading never asks for is an unknown field, so the
    /// fields a record may have are said once, by the code that reads them.
    final class KeysRead {
        var keys: Set<String> = []
    }

    /// An object's fields, each accessor noting the key it reads.
    struct Object {
        let reader: JSONReader
        let path: String
        private let fields: [String: JSONValue]
        let keysRead = KeysRead()

        init(reader: JSONReader, path: String, fields: [String: JSONValue]) {
            self.reader = reader
            self.path = path
            self.fields = fields
        }

        /// The field's value, if present; reading it makes `key` a known field.
        func value(_ key: String) -> JSONValue? {
            keysRead.keys.insert(key)
            return fields[key]
        }

        func string(_ key: String) -> String {
            guard let value = value(key) else {
                reader.problem(path, "missing field '\(key)'")
                return ""
            }
            return reader.string(value, at: "\(path).\(key)", empty: .required)
        }

        /// A string that may be null (the source says nothing) but must be present.
        func optionalString(_ key: String) -> String? {
            guard let value = value(key) else {
                reader.problem(path, "missing field '\(key)' (use null when the source says nothing)")
                return nil
            }
            if case .null = value { return nil }
            return reader.string(value, at: "\(path).\(key)", empty: .nullable)
        }

        /// A string that may be left out; present, it must be a string.
        func stringIfPresent(_ key: String) -> String? {
            value(key).map { reader.string($0, at: "\(path).\(key)", empty: .required) }
        }

        func bool(_ key: String) -> Bool {
            guard case .bool(let flag)? = value(key) else {
                reader.problem(path, value(key) == nil ? "missing field '\(key)'" : "'\(key)' must be a boolean")
                return false
            }
            return flag
        }

        func number(_ key: String) -> Double? {
            guard let value = value(key) else {
                reader.problem(path, "missing field '\(key)'")
                return nil
            }
            if case .null = value { return nil }
            guard case .number(let number) = value else {
                reader.problem("\(path).\(key)", "expected a number, found \(value.typeName)")
                return nil
            }
            return number
        }

        func strings(_ key: String) -> [String] {
            array(key) { value, path in reader.string(value, at: path, empty: .listItem) }
        }

        /// An array that may be null (unknown) but must be present.
        func optionalStrings(_ key: String) -> [String]? {
            optionalArray(key) { value, path in reader.string(value, at: path, empty: .listItem) }
        }

        func array<T>(_ key: String, _ element: (JSONValue, String) -> T) -> [T] {
            guard let value = value(key) else {
                reader.problem(path, "missing field '\(key)'")
                return []
            }
            return reader.array(value, at: "\(path).\(key)", element)
        }

        func optionalArray<T>(_ key: String, _ element: (JSONValue, String) -> T) -> [T]? {
            guard let value = value(key) else {
                reader.problem(
                    path, "missing field '\(key)' (use null when the source says nothing, [] when it says none)")
                return nil
            }
            if case .null = value { return nil }
            return reader.array(value, at: "\(path).\(key)", element)
        }

    }

    /// Where an empty string was found, which decides what the message tells the editor to do. One rule
    /// everywhere (and in the JSON Schema): text is never empty; a field that may be null says "the
    /// source says nothing" with null; a list says "none" with [].
    enum EmptyText {
        case required, nullable, listItem

        var message: String {
            switch self {
            case .required: "empty text (this field needs text; it cannot be null)"
            case .nullable: "empty text (use null when the source says nothing)"
            case .listItem: "empty text (remove the item; an empty list is [])"
            }
        }
    }

    func string(_ value: JSONValue, at path: String, empty: EmptyText) -> String {
        guard case .string(let text) = value else {
            problem(path, "expected a string, found \(value.typeName)")
            return ""
        }
        if text.unicodeScalars.allSatisfy(\.properties.isWhitespace) { problem(path, empty.message) }
        return text
    }

    func array<T>(_ value: JSONValue, at path: String, _ element: (JSONValue, String) -> T) -> [T] {
        guard case .array(let items) = value else {
            problem(path, "expected an array, found \(value.typeName)")
            return []
        }
        return items.enumerated().map { element($1, "\(path)[\($0)]") }
    }

    /// Reads an object whose keys must all be in `keys`; any other key is a problem.
    /// Reads an object with `read`; every key it holds that `read` never asked for (and that is not
    /// in `alsoKnown`, keys read elsewhere) is an unknown field.
    func record<T>(
        _ value: JSONValue, at path: String, alsoKnown: Set<String> = [], _ read: (Object) -> T
    ) -> T? {
        guard case .object(let fields, let order) = value else {
            problem(path, "expected an object, found \(value.typeName)")
            return nil
        }
        let object = Object(reader: self, path: path, fields: fields)
        let result = read(object)
        for key in order where !object.keysRead.keys.contains(key) && !alsoKnown.contains(key) {
            problem("\(path).\(key)", "unknown field")
        }
        return result
    }
}
