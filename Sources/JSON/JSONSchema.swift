/// JSON Schema 2020-12 documents that refer to each other by file name (`common.schema.json#/$defs/text`),
/// compiled once into a graph of `SchemaNode`s, and a validator for the part of the vocabulary they use.
/// It reports every failure with the instance path where it occurs, never only the first; the caller
/// words the failures for its readers.
///
/// Implemented: `$ref` (relative file names and JSON pointers), `type`, `enum`, `const`, `properties`,
/// `required`, `additionalProperties`, `items`, `minItems`, `maxItems`, `minLength`, `maxLength`, `pattern`,
/// `minimum`, `maximum`, `allOf`, `anyOf`, `oneOf`, `not`, `if`/`then`/`else`. Annotations are ignored. Any
/// other keyword is reported as a failure rather than silently passed, so a schema can never promise a
/// rule that nothing checks.
public struct JSONSchemaSet: Sendable {
    private let roots: [String: SchemaNode]

    public init(documents: [String: JSONValue]) {
        var compiler = SchemaCompiler(documents: documents)
        var roots: [String: SchemaNode] = [:]
        for file in documents.keys.sorted() { roots[file] = compiler.node(at: "", in: file) }
        self.roots = roots
    }

    /// Every failure of `instance` against the root of the schema document `file`.
    public func validate(_ instance: JSONValue, against file: String) -> [SchemaFailure] {
        guard let root = roots[file] else { return [SchemaFailure(path: "$", reason: .unresolvedReference(file))] }
        var validation = Validation()
        validation.check(instance, against: root)
        return validation.failures
    }
}

/// One way an instance fails its schema, at an instance path (`$.agents[3].summary`).
public struct SchemaFailure: Sendable, Equatable, CustomStringConvertible {
    public let path: String
    public let reason: Reason

    public init(path: String, reason: Reason) {
        self.path = path
        self.reason = reason
    }

    public enum Reason: Sendable, Equatable {
        case type(expected: [String], found: String)
        /// A required property is absent; `admits` are the types its schema allows.
        case missing(property: String, admits: [String])
        case unknownProperty
        case notInEnum(found: JSONValue, allowed: [JSONValue])
        case notConst(expected: JSONValue)
        /// `text` does not match `pattern`; `message` is the schema's `patternErrorMessage`, `types` the
        /// types the same schema admits (`["string", "null"]` for text that may be null).
        case pattern(String, text: String, message: String?, types: [String])
        case minLength(Int), maxLength(Int), minItems(Int), maxItems(Int)
        case minimum(Double), maximum(Double)
        /// `anyOf`, `oneOf` or `not` failed; the message is the schema's `errorMessage` or `description`.
        case noneOf(message: String?)
        /// The schema `false`.
        case forbidden
        case unresolvedReference(String)
        case unsupportedKeyword(String)
        case unsupportedPattern(String)
    }

    public var description: String { "\(path): \(reason)" }
}

/// One schema object with its keywords read into fields. Immutable once the compiler has linked the
/// graph (a `$ref` may point back up it, so nodes are objects).
final class SchemaNode: @unchecked Sendable {
    var isFalse = false
    var reference: SchemaNode?
    var unresolved: String?
    var types: [String]?
    var allowed: [JSONValue]?
    var constant: JSONValue?
    var properties: [String: SchemaNode] = [:]
    var required: [String] = []
    var checksObject = false
    var additionalForbidden = false
    var additional: SchemaNode?
    var items: SchemaNode?
    var minItems: Int?, maxItems: Int?, minLength: Int?, maxLength: Int?
    var minimum: Double?, maximum: Double?
    var pattern: (source: String, matcher: PatternMatcher?, message: String?)?
    var allOf: [SchemaNode] = []
    var anyOf: [SchemaNode] = []
    var oneOf: [SchemaNode] = []
    var not: SchemaNode?
    var condition: (if: SchemaNode, then: SchemaNode?, else: SchemaNode?)?
    /// `errorMessage`, else `description`: what a failed `anyOf`, `oneOf` or `not` says.
    var message: String?
    var unsupported: [String] = []

    /// The JSON types this schema admits, following `$ref`s: what a missing property should have held.
    var admittedTypes: [String] {
        var types: [String] = []
        var node: SchemaNode? = self
        for _ in 0..<16 {
            guard let current = node else { break }
            types += current.types ?? []
            node = current.reference
        }
        return types
    }
}

/// Reads schema documents into nodes, each JSON pointer once, so references form a graph, not copies.
private struct SchemaCompiler {
    let documents: [String: JSONValue]
    var compiled: [String: SchemaNode] = [:]

    static let annotations: Set<String> = [
        "$schema", "$id", "$comment", "$defs", "title", "description", "default", "examples", "deprecated",
        "readOnly", "writeOnly", "patternErrorMessage", "errorMessage", "markdownDescription",
    ]

    init(documents: [String: JSONValue]) { self.documents = documents }

    /// The node at `pointer` (`/$defs/text`) in `file`, or nil where nothing is there.
    mutating func node(at pointer: String, in file: String) -> SchemaNode? {
        let key = file + "#" + pointer
        if let node = compiled[key] { return node }
        guard var value = documents[file] else { return nil }
        for token in pointer.split(separator: "/") {
            let name = String(token).replacing("~1", with: "/").replacing("~0", with: "~")
            switch value {
            case .object(let fields, _):
                guard let next = fields[name] else { return nil }
                value = next
            case .array(let items):
                guard let index = Int(name), items.indices.contains(index) else { return nil }
                value = items[index]
            default: return nil
            }
        }
        let node = SchemaNode()
        compiled[key] = node  // before its children: a reference back to it finds it
        fill(node, from: value, file: file)
        return node
    }

    private mutating func compile(_ value: JSONValue, file: String) -> SchemaNode {
        let node = SchemaNode()
        fill(node, from: value, file: file)
        return node
    }

    private mutating func fill(_ node: SchemaNode, from value: JSONValue, file: String) {
        guard case .object(let keywords, let order) = value else {
            node.isFalse = value == .bool(false)
            return
        }
        func integer(_ key: String) -> Int? { if case .number(let n)? = keywords[key] { Int(n) } else { nil } }
        func number(_ key: String) -> Double? { if case .number(let n)? = keywords[key] { n } else { nil } }
        func text(_ key: String) -> String? { if case .string(let s)? = keywords[key] { s } else { nil } }
        func list(_ key: String) -> [SchemaNode] {
            guard case .array(let schemas)? = keywords[key] else { return [] }
            return schemas.map { compile($0, file: file) }
        }
        for keyword in order {
            guard let value = keywords[keyword] else { continue }
            switch keyword {
            case "$ref":
                guard case .string(let target) = value else { continue }
                let parts = target.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false)
                let targetFile = parts[0].isEmpty ? file : String(parts[0])
                node.reference = self.node(at: parts.count > 1 ? String(parts[1]) : "", in: targetFile)
                if node.reference == nil { node.unresolved = target }
            case "type":
                switch value {
                case .string(let name): node.types = [name]
                case .array(let names): node.types = names.compactMap { if case .string(let n) = $0 { n } else { nil } }
                default: node.unsupported.append(keyword)
                }
            case "enum": if case .array(let allowed) = value { node.allowed = allowed }
            case "const": node.constant = value
            case "properties":
                guard case .object(let properties, _) = value else { continue }
                node.checksObject = true
                for (name, schema) in properties { node.properties[name] = compile(schema, file: file) }
            case "required":
                node.checksObject = true
                if case .array(let names) = value {
                    node.required = names.compactMap { if case .string(let n) = $0 { n } else { nil } }
                }
            case "additionalProperties":
                node.checksObject = true
                if value == .bool(false) {
                    node.additionalForbidden = true
                } else {
                    node.additional = compile(value, file: file)
                }
            case "items": node.items = compile(value, file: file)
            case "minItems": node.minItems = integer(keyword)
            case "maxItems": node.maxItems = integer(keyword)
            case "minLength": node.minLength = integer(keyword)
            case "maxLength": node.maxLength = integer(keyword)
            case "minimum": node.minimum = number(keyword)
            case "maximum": node.maximum = number(keyword)
            case "pattern":
                guard case .string(let source) = value else { continue }
                node.pattern = (source, PatternMatcher(source), text("patternErrorMessage"))
            case "allOf": node.allOf = list(keyword)
            case "anyOf": node.anyOf = list(keyword)
            case "oneOf": node.oneOf = list(keyword)
            case "not": node.not = compile(value, file: file)
            case "if":
                node.condition = (
                    compile(value, file: file), keywords["then"].map { compile($0, file: file) },
                    keywords["else"].map { compile($0, file: file) }
                )
            case "then", "else": continue
            // `x-…` keywords are extensions (OpenAPI's convention): annotations a validator ignores.
            default:
                if !Self.annotations.contains(keyword) && !keyword.hasPrefix("x-") { node.unsupported.append(keyword) }
            }
        }
        node.message = text("errorMessage") ?? text("description")
    }
}

/// One run of validation: the failures found and the instance path where it is, built up and taken
/// down as it descends, made into text only for a failure.
private struct Validation {
    var failures: [SchemaFailure] = []
    private var path: [Component] = []

    private enum Component {
        case key(String)
        case index(Int)
    }

    private var pathText: String {
        path.reduce(into: "$") { text, component in
            switch component {
            case .key(let key): text += ".\(key)"
            case .index(let index): text += "[\(index)]"
            }
        }
    }

    private mutating func fail(_ reason: SchemaFailure.Reason) {
        failures.append(SchemaFailure(path: pathText, reason: reason))
    }

    mutating func check(_ instance: JSONValue, against node: SchemaNode) {
        if node.isFalse { return fail(.forbidden) }
        if let reference = node.reference { check(instance, against: reference) }
        if let unresolved = node.unresolved { fail(.unresolvedReference(unresolved)) }
        for keyword in node.unsupported { fail(.unsupportedKeyword(keyword)) }
        if let types = node.types, !types.contains(where: { Self.matches(instance, type: $0) }) {
            // Nothing else about a value of the wrong type is worth saying.
            return fail(.type(expected: types, found: instance.typeName))
        }
        if let allowed = node.allowed, !allowed.contains(instance) {
            fail(.notInEnum(found: instance, allowed: allowed))
        }
        if let constant = node.constant, instance != constant { fail(.notConst(expected: constant)) }
        switch instance {
        case .object(let fields, let order) where node.checksObject: checkObject(fields, order, against: node)
        case .array(let items): checkArray(items, against: node)
        case .string(let text): checkString(text, against: node)
        case .number(let number):
            if let minimum = node.minimum, number < minimum { fail(.minimum(minimum)) }
            if let maximum = node.maximum, number > maximum { fail(.maximum(maximum)) }
        default: break
        }
        for schema in node.allOf { check(instance, against: schema) }
        if !node.anyOf.isEmpty, !node.anyOf.contains(where: { Self.isValid(instance, $0) }) {
            fail(.noneOf(message: node.message))
        }
        if !node.oneOf.isEmpty, node.oneOf.filter({ Self.isValid(instance, $0) }).count != 1 {
            fail(.noneOf(message: node.message))
        }
        if let not = node.not, Self.isValid(instance, not) { fail(.noneOf(message: node.message)) }
        if let condition = node.condition {
            let branch = Self.isValid(instance, condition.if) ? condition.then : condition.else
            if let branch { check(instance, against: branch) }
        }
    }

    private mutating func checkObject(_ fields: [String: JSONValue], _ order: [String], against node: SchemaNode) {
        for name in node.required where fields[name] == nil {
            fail(.missing(property: name, admits: node.properties[name]?.admittedTypes ?? []))
        }
        for key in order {
            guard let field = fields[key] else { continue }
            path.append(.key(key))
            if let property = node.properties[key] {
                check(field, against: property)
            } else if node.additionalForbidden {
                fail(.unknownProperty)
            } else if let additional = node.additional {
                check(field, against: additional)
            }
            path.removeLast()
        }
    }

    private mutating func checkArray(_ items: [JSONValue], against node: SchemaNode) {
        if let minItems = node.minItems, items.count < minItems { fail(.minItems(minItems)) }
        if let maxItems = node.maxItems, items.count > maxItems { fail(.maxItems(maxItems)) }
        guard let schema = node.items else { return }
        for (index, item) in items.enumerated() {
            path.append(.index(index))
            check(item, against: schema)
            path.removeLast()
        }
    }

    private mutating func checkString(_ text: String, against node: SchemaNode) {
        if node.minLength != nil || node.maxLength != nil {
            let length = text.unicodeScalars.count
            if let minLength = node.minLength, length < minLength { fail(.minLength(minLength)) }
            if let maxLength = node.maxLength, length > maxLength { fail(.maxLength(maxLength)) }
        }
        guard let pattern = node.pattern else { return }
        guard let matcher = pattern.matcher else { return fail(.unsupportedPattern(pattern.source)) }
        if !matcher.matches(text) {
            fail(.pattern(pattern.source, text: text, message: pattern.message, types: node.types ?? []))
        }
    }

    private static func isValid(_ instance: JSONValue, _ node: SchemaNode) -> Bool {
        var validation = Validation()
        validation.check(instance, against: node)
        return validation.failures.isEmpty
    }

    private static func matches(_ instance: JSONValue, type: String) -> Bool {
        switch (type, instance) {
        case ("object", .object), ("array", .array), ("string", .string), ("boolean", .bool), ("null", .null),
            ("number", .number):
            true
        case ("integer", .number(let number)): number == number.rounded()
        default: false
        }
    }
}
