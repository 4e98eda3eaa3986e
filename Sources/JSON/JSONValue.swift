/// A JSON document as a tree: the loader reads content into it to report every problem with its path,
/// and the API builds its representations from it.
public enum JSONValue: Sendable, Equatable {
    /// Fields with the keys in document order.
    case object([String: JSONValue], keyOrder: [String])
    case array([JSONValue])
    case string(String)
    case number(Double)
    case bool(Bool)
    case null

    public var typeName: String {
        switch self {
        case .object: "object"
        case .array: "array"
        case .string: "string"
        case .number: "number"
        case .bool: "boolean"
        case .null: "null"
        }
    }

    /// Parses RFC 8259 JSON strictly: one value, no trailing commas, no duplicate keys, at most 64 levels.
    public static func parse(_ bytes: [UInt8]) throws(JSONSyntaxError) -> JSONValue {
        var parser = JSONParser(bytes: bytes)
        return try parser.parseDocument()
    }
}

/// Where and why a file is not valid JSON.
public struct JSONSyntaxError: Error, Equatable, CustomStringConvertible {
    public let line: Int
    public let column: Int
    public let reason: String

    public var description: String { "invalid JSON at line \(line), column \(column): \(reason)" }
}

extension JSONValue {
    /// An object from key–value pairs; keys keep their order (writers sort them anyway).
    public static func object(_ pairs: [(String, JSONValue)]) -> JSONValue {
        var fields: [String: JSONValue] = [:]
        var order: [String] = []
        for (key, value) in pairs where fields.updateValue(value, forKey: key) == nil { order.append(key) }
        return .object(fields, keyOrder: order)
    }

    public subscript(key: String) -> JSONValue? {
        guard case .object(let fields, _) = self else { return nil }
        return fields[key]
    }

    /// This object with `key` set (added or replaced).
    public func setting(_ key: String, _ value: JSONValue) -> JSONValue {
        guard case .object(var fields, var order) = self else { return self }
        if fields.updateValue(value, forKey: key) == nil { order.append(key) }
        return .object(fields, keyOrder: order)
    }

    /// This object without `key`.
    public func removing(_ key: String) -> JSONValue {
        guard case .object(var fields, let order) = self, fields.removeValue(forKey: key) != nil else { return self }
        return .object(fields, keyOrder: order.filter { $0 != key })
    }

    /// This object with only `keys` (in their given order, each once); other values unchanged.
    public func selecting(_ keys: [String]) -> JSONValue {
        guard case .object(let fields, _) = self else { return self }
        var seen: Set<String> = []
        let kept = keys.filter { fields[$0] != nil && seen.insert($0).inserted }
        return .object(fields.filter { kept.contains($0.key) }, keyOrder: kept)
    }

}

extension JSONValue {
    /// The text of a string, else nil.
    public var stringValue: String? {
        if case .string(let text) = self { return text }
        return nil
    }
}
