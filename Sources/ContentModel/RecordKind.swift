import JSON

/// A kind of record the content holds, as data: the file its records live in, what the API and the
/// problems call one, and where the API serves them. The loader, the validator's wording, the views, the
/// export and the index read these instead of naming each collection again.
///
/// Two sorts: the kinds in `collections`, which have code of their own (filters, relations, FHIR), and
/// the kinds a schema declares with `x-record-kind`, which are served generically: a list, a detail, links
/// to the records they name, the export and search, with no Swift of their own (`declaration` non-nil).
public struct RecordKind: Sendable, Hashable, CustomStringConvertible {
    /// One record's type in the export and the search hits (`agent`, `glossary`).
    public let type: String
    /// What a problem or a 404 calls one record (`agent`, `glossary term`, `editorial note`).
    public let noun: String
    /// The content file, relative to the content directory; its schema is `schema/<name>.schema.json`.
    public let file: String
    /// The array of records in the file (`{"agents": [...]}`).
    public let key: String
    /// Where the API lists the records; one record is `<path>/<id>`.
    public let path: String
    /// For a kind a schema declares: how its records relate and read. Nil for a kind with code of its own.
    public let declaration: Declaration?

    /// What `x-record-kind` says beside the type and the noun.
    public struct Declaration: Sendable, Hashable {
        /// The record fields that hold ids of other records (`agent` → the agent kind), which the
        /// loader checks and the API links.
        public let relations: [Relation]
        /// The field that titles a record in search hits (`label`); the id when nil.
        public let titleField: String?
        /// The fields whose text search matches; every string but ids and provenance when nil.
        public let textFields: [String]?
    }

    /// A field holding the id (or a list of ids) of another kind's records.
    public struct Relation: Sendable, Hashable {
        public let field: String
        /// The `type` of the kind named.
        public let kind: String
    }

    init(type: String, noun: String, file: String, key: String, path: String, declaration: Declaration? = nil) {
        self.type = type
        self.noun = noun
        self.file = file
        self.key = key
        self.path = path
        self.declaration = declaration
    }

    public var schema: String { file.replacing(".json", with: ".schema.json") }
    public var description: String { type }
    /// Whether the kind is served from its file alone, with no code of its own.
    public var isGeneric: Bool { declaration != nil }
    /// A declared kind's relations; none for a kind with code of its own.
    public var relations: [Relation] { declaration?.relations ?? [] }

    /// The API path of one record.
    public func path(of id: String) -> String { "\(path)/\(id)" }

    /// The ids a relation field holds: one id, a list of ids, or none (null or absent).
    public static func ids(in value: JSONValue?) -> [String] {
        switch value {
        case .string(let id)?: [id]
        case .array(let items)?: items.compactMap { if case .string(let id) = $0 { id } else { nil } }
        default: []
        }
    }
}

extension RecordKind {
    public static let agent = RecordKind(
        type: "agent", noun: "agent", file: "agents.json", key: "agents", path: "/v1/agents")
    public static let agentClass = RecordKind(
        type: "class", noun: "class", file: "classes.json", key: "classes", path: "/v1/classes")
    public static let tissue = RecordKind(
        type: "tissue", noun: "tissue", file: "tissues.json", key: "tissues", path: "/v1/tissues")
    public static let comparison = RecordKind(
        type: "comparison", noun: "comparison", file: "comparisons.json", key: "comparisons", path: "/v1/comparisons")
    public static let glossary = RecordKind(
        type: "glossary", noun: "glossary term", file: "glossary.json", key: "entries", path: "/v1/glossary")
    public static let reference = RecordKind(
        type: "reference", noun: "reference", file: "references.json", key: "references", path: "/v1/references")
    public static let note = RecordKind(
        type: "note", noun: "editorial note", file: "notes.json", key: "notes", path: "/v1/notes")
    public static let source = RecordKind(
        type: "source", noun: "source", file: "sources.json", key: "sources", path: "/v1/sources")

    /// Every kind with code of its own, in the order the export lists them.
    public static let collections: [RecordKind] = [
        .agent, .agentClass, .tissue, .comparison, .glossary, .reference, .note, .source,
    ]

    /// Lower-case letters and digits in words joined by single hyphens, as the schemas' slugs.
    private static func isSlug(_ text: String) -> Bool {
        !text.isEmpty
            && text.split(separator: "-", omittingEmptySubsequences: false).allSatisfy { word in
                !word.isEmpty && word.utf8.allSatisfy { (0x61...0x7A).contains($0) || (0x30...0x39).contains($0) }
            }
    }

    /// Types no declared kind may take: the other things the export and the search name.
    static let reservedTypes: Set<String> = ["metadata", "document", "section"]

    /// The kind a schema declares with `x-record-kind`, or the problems with the declaration.
    ///
    /// The declaration says `type`, `noun` and optionally `refers` (`{"field": "kind type"}`), `title` (the
    /// field that titles a record in search hits) and `text` (the fields search matches); the rest
    /// follows from the schema: its file is `<name>.json` beside `schema/<name>.schema.json`, its path
    /// `/v1/<name>`, and its key the one array the schema's object holds.
    static func declared(by schema: JSONValue, file schemaFile: String) -> Result<RecordKind, ContentProblem>? {
        guard let declaration = schema["x-record-kind"] else { return nil }
        let file = "schema/\(schemaFile)"
        func problem(_ path: String, _ message: String) -> Result<RecordKind, ContentProblem> {
            .failure(ContentProblem(file: file, path: "$['x-record-kind']\(path)", message: message))
        }
        let name = String(schemaFile.dropLast(".schema.json".count))
        guard isSlug(name) else {
            return problem("", "a record kind's schema is named <slug>.schema.json, not '\(schemaFile)'")
        }
        guard case .string(let type)? = declaration["type"], isSlug(type) else {
            return problem(".type", "the kind's type is a slug, e.g. 'claim'")
        }
        guard !reservedTypes.contains(type) else {
            return problem(".type", "the type '\(type)' is already taken (by the \(type)s the API serves)")
        }
        guard case .string(let noun)? = declaration["noun"], !noun.isEmpty else {
            return problem(".noun", "the kind's noun is text, e.g. 'claim'")
        }
        var relations: [Relation] = []
        switch declaration["refers"] {
        case nil: break
        case .object(let fields, let order)?:
            for field in order {
                guard case .string(let kind)? = fields[field] else {
                    return problem(".refers.\(field)", "names the type of the kind the field refers to")
                }
                relations.append(Relation(field: field, kind: kind))
            }
        default: return problem(".refers", "an object of field → kind type")
        }
        func field(_ key: String) -> String?? {
            switch declaration[key] {
            case nil: .some(nil)
            case .string(let name)?: .some(name)
            default: nil
            }
        }
        guard let titleField = field("title") else { return problem(".title", "names the field that titles a record") }
        var textFields: [String]?
        switch declaration["text"] {
        case nil: break
        case .array(let items)? where items.allSatisfy({ $0.stringValue != nil }):
            textFields = items.compactMap(\.stringValue)
        default: return problem(".text", "a list of the fields search matches")
        }
        let arrays: [String] =
            if case .object(let properties, let order)? = schema["properties"] {
                order.filter { properties[$0]?["type"] == .string("array") }
            } else { [] }
        guard arrays.count == 1 else {
            return problem("", "the schema's object holds exactly one array of records (it has \(arrays.count))")
        }
        return .success(
            RecordKind(
                type: type, noun: noun, file: "\(name).json", key: arrays[0], path: "/v1/\(name)",
                declaration: Declaration(relations: relations, titleField: titleField, textFields: textFields)))
    }
}
