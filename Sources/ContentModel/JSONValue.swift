/// A parsed JSON document, kept as a tree so the loader can report every problem with its path.
enum JSONValue: Sendable, Equatable {
    /// Fields with the keys in document order.
    case object([String: JSONValue], keyOrder: [String])
    case array([JSONValue])
    case string(String)
    case number(Double)
    case bool(Bool)
    case null

    var typeName: String {
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
    static func parse(_ bytes: [UInt8]) throws(JSONSyntaxError) -> JSONValue {
        var parser = JSONParser(bytes: bytes)
        return try parser.parseDocument()
    }
}

/// Where and why a file is not valid JSON.
struct JSONSyntaxError: Error, Equatable, CustomStringConvertible {
    let line: Int
    let column: Int
    let reason: String

    var description: String { "invalid JSON at line \(line), column \(column): \(reason)" }
}
