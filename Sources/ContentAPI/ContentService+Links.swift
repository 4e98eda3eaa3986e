import ContentModel
import JSON

/// Cross-references as links: every record's `links` names, beside `self`, each record it refers to (one
/// link, or an array of links for a list), and each editorial note names the records it qualifies.
extension ContentService {
    /// The notes, sources and source sections named anywhere inside a view (`notes` arrays, `source`
    /// members of provenance and identifiers, with their `section`), each once, in a fixed order: keys
    /// sorted, whatever order the file or the schemas have them in.
    static func cited(in view: JSONValue) -> (notes: [String], sources: [String], sections: [Provenance]) {
        var notes: [String] = []
        var sources: [String] = []
        var sections: [Provenance] = []
        func walk(_ value: JSONValue) {
            switch value {
            case .object(let fields, _):
                if case .string(let source)? = fields["source"] {
                    sources.append(source)
                    if case .string(let section)? = fields["section"] {
                        sections.append(Provenance(source: source, section: section))
                    }
                }
                for key in fields.keys.sorted() where key != "source" {
                    guard let member = fields[key] else { continue }
                    if key == "notes", case .array(let items) = member {
                        notes += items.compactMap(\.stringValue)
                    } else {
                        walk(member)
                    }
                }
            case .array(let items): items.forEach(walk)
            case .string, .number, .bool, .null: break
            }
        }
        walk(view)
        return (notes.uniqued(), sources.uniqued(), sections.uniqued())
    }

    /// `view` with `links` extended by one array per kind of record it refers to (empty kinds left out).
    static func linking(
        _ view: JSONValue, _ relations: [(String, [String])], link: (String) -> String
    ) -> JSONValue {
        guard case .object(let fields, let order)? = view["links"] else { return view }
        var links = order.compactMap { key in fields[key].map { (key, $0) } }
        for (name, paths) in relations where !paths.isEmpty {
            links.append((name, .array(paths.uniqued().map { .string(link($0)) })))
        }
        return view.setting("links", .object(links))
    }

    /// Notes, sources and document sections cited anywhere in the view, as links; `document` names the
    /// document a source stands for.
    static func citations(_ view: JSONValue, document: (String) -> String?) -> [(String, [String])] {
        let cited = cited(in: view)
        return [
            ("notes", cited.notes.map { "/v1/notes/\($0)" }), ("sources", cited.sources.map { "/v1/sources/\($0)" }),
            (
                "sections",
                cited.sections.compactMap { item in
                    document(item.source).map { "/v1/documents/\($0)/sections/\(item.section ?? "")" }
                }
            ),
        ]
    }

    typealias Holder = (type: String, id: String, path: String)

    /// Every record that carries each note, in the order of `records`.
    static func noteHolders(_ records: [(Holder, JSONValue)]) -> [String: [Holder]] {
        var holders: [String: [Holder]] = [:]
        for (holder, view) in records {
            for note in cited(in: view).notes { holders[note, default: []].append(holder) }
        }
        return holders
    }
}
