import ContentModel
import JSON

extension ContentService {
    /// Every record, one JSON object per line, each with its type: a service mirrors the content from it.
    func export() -> Body {
        var lines: [JSONValue] = [
            .object([
                ("type", .string("metadata")), ("id", .string("library")), ("contentVersion", .string(library.version)),
                ("data", library.metadataTree),
            ])
        ]
        func add(_ type: String, _ ids: [String], _ views: [String: JSONValue]) {
            lines += ids.compactMap { id in
                views[id].map { .object([("type", .string(type)), ("id", .string(id)), ("data", $0)]) }
            }
        }
        add("agent", library.agents.map(\.id), agentViews)
        add("class", library.classes.map(\.id), classTrees)
        add("tissue", library.tissues.map(\.id), tissueTrees)
        add("comparison", library.comparisons.map(\.id), comparisonViews)
        add("glossary", glossaryOrder.map(\.id), glossaryViews)
        add("reference", library.references.map(\.id), referenceViews)
        add("note", library.notes.map(\.id), noteViews)
        add("document", library.documents.map(\.id), documentViews)
        add("source", library.sources.map(\.id), sourceViews)
        var bytes: [UInt8] = []
        for line in lines {
            bytes += line.encoded()
            bytes.append(UInt8(ascii: "\n"))
        }
        return .bytes(bytes, contentType: "application/x-ndjson")
    }
}
