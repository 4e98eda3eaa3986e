/// A kind of record the content holds, as data: the file its records live in, what the API and the
/// problems call one, and where the API serves them. The loader, the validator's wording, the views, the
/// export and the index read these instead of naming each collection again.
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

    public var schema: String { file.replacing(".json", with: ".schema.json") }
    public var description: String { type }

    /// The API path of one record.
    public func path(of id: String) -> String { "\(path)/\(id)" }
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

    /// Every kind kept in one file of records, in the order the export lists them.
    public static let collections: [RecordKind] = [
        .agent, .agentClass, .tissue, .comparison, .glossary, .reference, .note, .source,
    ]

    /// The kind a problem or a 404 calls `noun`.
    public static func named(_ noun: String) -> RecordKind? { collections.first { $0.noun == noun } }
}
