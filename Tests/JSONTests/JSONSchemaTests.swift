import JSON
import Testing

@Suite("JSON Schema: every failure, at its instance path")
struct JSONSchemaTests {
    private func json(_ text: String) throws -> JSONValue { try JSONValue.parse(Array(text.utf8)) }

    private func failures(_ instance: String, _ schemas: [String: String], root: String = "root.json") throws
        -> [SchemaFailure]
    {
        let set = JSONSchemaSet(documents: try schemas.mapValues { try json($0) })
        return set.validate(try json(instance), against: root)
    }

    private let common = """
        {"$defs": {
          "slug": {"type": "string", "pattern": "^[a-z0-9]+(-[a-z0-9]+)*$", "patternErrorMessage": "A slug."},
          "text": {"type": "string", "pattern": "^[^\\\\u0000-\\\\u001f\\\\u0020]([^\\\\u0000-\\\\u001f]*[^\\\\u0000-\\\\u001f\\\\u0020])?$"},
          "maybe": {"type": ["array", "null"], "items": {"$ref": "#/$defs/text"}}
        }}
        """

    private var record: String {
        """
        {"type": "object", "additionalProperties": false, "required": ["id", "kind", "list", "note"],
         "properties": {
           "id": {"$ref": "common.json#/$defs/slug"},
           "kind": {"enum": ["label", "claim"]},
           "list": {"$ref": "common.json#/$defs/maybe"},
           "note": {"type": ["string", "null"]},
           "count": {"type": "integer", "minimum": 1}
         },
         "allOf": [{"if": {"properties": {"kind": {"const": "label"}}}, "then": {"properties": {"list": {"minItems": 1}}}}]}
        """
    }

    @Test("a valid instance has no failure")
    func valid() throws {
        let instance = #"{"id": "a-b", "kind": "label", "list": ["x"], "note": null, "count": 2}"#
        #expect(try failures(instance, ["root.json": record, "common.json": common]) == [])
    }

    @Test("missing properties name the types their schema admits, through $ref across files")
    func missing() throws {
        let found = try failures(#"{"id": "a"}"#, ["root.json": record, "common.json": common])
        #expect(
            found.contains(SchemaFailure(path: "$", reason: .missing(property: "list", admits: ["array", "null"]))))
        #expect(found.contains(SchemaFailure(path: "$", reason: .missing(property: "kind", admits: []))))
        #expect(
            found.contains(SchemaFailure(path: "$", reason: .missing(property: "note", admits: ["string", "null"]))))
    }

    @Test("unknown keys, wrong types, enums, patterns, minimum and integer are each reported")
    func each() throws {
        let instance = #"{"id": "A", "kind": "other", "list": [" x"], "note": 3, "count": 0.5, "extra": true}"#
        let found = try failures(instance, ["root.json": record, "common.json": common])
        let expected: [SchemaFailure] = [
            .init(
                path: "$.id",
                reason: .pattern("^[a-z0-9]+(-[a-z0-9]+)*$", text: "A", message: "A slug.", types: ["string"])),
            .init(
                path: "$.kind",
                reason: .notInEnum(found: .string("other"), allowed: [.string("label"), .string("claim")])),
            .init(path: "$.note", reason: .type(expected: ["string", "null"], found: "number")),
            .init(path: "$.count", reason: .type(expected: ["integer"], found: "number")),
            .init(path: "$.extra", reason: .unknownProperty),
        ]
        for failure in expected { #expect(found.contains(failure), "\(found)") }
        #expect(found.contains { $0.path == "$.list[0]" }, "a \\uXXXX class refuses the leading space: \(found)")
        #expect(found.count == 6, "\(found)")
    }

    @Test("if/then applies only when the condition holds; its failures are the instance's")
    func conditional() throws {
        let schemas = ["root.json": record, "common.json": common]
        let label = try failures(#"{"id": "a", "kind": "label", "list": [], "note": null}"#, schemas)
        #expect(label == [SchemaFailure(path: "$.list", reason: .minItems(1))])
        #expect(try failures(#"{"id": "a", "kind": "claim", "list": [], "note": null}"#, schemas) == [])
    }

    @Test("anyOf and not report the schema's errorMessage once")
    func combinators() throws {
        let schema = """
            {"anyOf": [{"required": ["a"]}, {"required": ["b"]}], "errorMessage": "needs a or b",
             "properties": {"c": {"not": {"const": 0}, "description": "never zero"}}}
            """
        let found = try failures(#"{"c": 0}"#, ["root.json": schema])
        #expect(found.count == 2, "\(found)")
        #expect(found.contains(SchemaFailure(path: "$", reason: .noneOf(message: "needs a or b"))))
        #expect(found.contains(SchemaFailure(path: "$.c", reason: .noneOf(message: "never zero"))))
    }

    @Test("a reference that resolves nowhere and a keyword nothing implements are failures, not passes")
    func schemaFaults() throws {
        let found = try failures(
            #"{"a": 1}"#, ["root.json": #"{"properties": {"a": {"$ref": "other.json#/x"}}, "uniqueItems": true}"#])
        #expect(found.contains(SchemaFailure(path: "$.a", reason: .unresolvedReference("other.json#/x"))))
        #expect(found.contains(SchemaFailure(path: "$", reason: .unsupportedKeyword("uniqueItems"))))
        #expect(try failures("1", [:]) == [SchemaFailure(path: "$", reason: .unresolvedReference("root.json"))])
    }
}
