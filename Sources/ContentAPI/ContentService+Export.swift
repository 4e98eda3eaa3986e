import ContentModel
import JSON

extension ContentService {
    /// Every record, one JSON object per line, each with its type: a service mirrors the content from it.
    /// Kinds in `Library.kinds` order (documents before sources, declared kinds last), glossary entries by
    /// term.
    func export() -> Body {
        var lines: [JSONValue] = [
            .object([
                ("type", .string("metadata")), ("id", .string("library")), ("contentVersion", .string(library.version)),
                ("data", library.metadataTree.ordered(by: library.keyOrder)),
            ])
        ]
        func add(_ type: String, _ ids: [String], _ views: [String: JSONValue]) {
            lines += ids.compactMap { id in
                views[id].map {
                    .object([("type", .string(type)), ("id", .string(id)), ("data", $0.ordered(by: library.keyOrder))])
                }
            }
        }
        for kind in library.kinds {
            if kind == .source { add("document", library.documents.map(\.id), documentViews) }
            let ids = kind == .glossary ? glossaryOrder.map(\.id) : library.ids(kind)
            add(kind.type, ids, views[kind] ?? [:])
        }
        var bytes: [UInt8] = []
        for line in lines {
            bytes += line.encoded()
            bytes.append(UInt8(ascii: "\n"))
        }
        return .bytes(bytes, contentType: "application/x-ndjson")
    }
}
