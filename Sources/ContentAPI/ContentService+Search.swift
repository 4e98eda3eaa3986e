import ContentModel
import JSON

extension ContentService {
    func search(_ query: QueryParameters) throws(APIError) -> Body {
        guard let q = query["q"] else { throw .missingParameter(name: "q", expected: "the text to search for") }
        guard !q.allSatisfy(\.isWhitespace), q.unicodeScalars.count <= 200 else {
            throw .invalidParameter(name: "q", value: q, allowed: .length(1...200, ", not only spaces"))
        }
        let kinds =
            try query.list("type", allowed: searchIndex.kinds.map(\.rawValue))
            .map { Set($0.map(SearchIndex.Kind.init(rawValue:))) } ?? Set(searchIndex.kinds)
        let limit = try query.integer("limit", in: 1...100, default: 20)
        let offset = try query.integer("offset", in: 0...1_000_000, default: 0)
        let (hits, total) = searchIndex.page(q, kinds: kinds, offset: offset, limit: limit)
        let items = hits.map { hit -> JSONValue in
            let path: String
            switch hit.kind {
            case .agent: path = "/v1/agents/\(hit.id)"
            case .glossary: path = "/v1/glossary/\(hit.id)"
            case .section: path = "/v1/documents/\(hit.parentID ?? "")/sections/\(hit.id)"
            case .reference: path = "/v1/references/\(hit.id)"
            case .note: path = "/v1/notes/\(hit.id)"
            default: path = library.kind(ofType: hit.kind.rawValue)?.path(of: hit.id) ?? ""
            }
            return .object([
                ("type", .string(hit.kind.rawValue)), ("id", .string(hit.id)), ("title", .string(hit.title)),
                ("snippet", .string(hit.snippet)), ("score", .number((hit.score * 100).rounded() / 100)),
                ("match", .string(hit.match.rawValue)), ("matched", .string(hit.matched)),
                ("links", .object([("self", link(path))])),
            ])
        }
        guard case .json(let body, let header, _) = try page(items, total: total, path: "/v1/search", query: query)
        else { preconditionFailure("a page is JSON") }
        return .json(body.setting("query", .string(q)), link: header)
    }
}
