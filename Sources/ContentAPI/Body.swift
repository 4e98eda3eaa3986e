import ContentModel
import JSON

/// What a handler returns: a JSON value (encoded by the responder, compact or pretty), or ready bytes.
enum Body: Sendable {
    case json(JSONValue, link: String? = nil, contentLocation: String? = nil)
    case bytes([UInt8], contentType: String)
    /// A FHIR resource or Bundle, served as `FHIRView.contentType`; a resource read carries its
    /// `meta.versionId`, which is then its weak ETag (R5 §3.2.0.8, "Managing Resource Contention").
    case fhir(JSONValue, pretty: Bool = false, version: String? = nil)
}

extension ContentService {
    /// One page of `items` with `total`, `limit`, `offset`, `links` in the body and a `Link` header
    /// (RFC 8288: first, prev, next, last) that keeps the request's other parameters.
    func page(_ items: [JSONValue], path: String, query: QueryParameters) throws(APIError) -> Body {
        let limit = try query.integer("limit", in: 1...100, default: 20)
        let offset = try query.integer("offset", in: 0...1_000_000, default: 0)
        return try page(Array(items.dropFirst(offset).prefix(limit)), total: items.count, path: path, query: query)
    }

    /// A page whose items were already cut (`offset` and `limit` from `query`), out of `total`.
    func page(_ pageItems: [JSONValue], total: Int, path: String, query: QueryParameters) throws(APIError) -> Body {
        let limit = try query.integer("limit", in: 1...100, default: 20)
        let offset = try query.integer("offset", in: 0...1_000_000, default: 0)
        func url(_ offset: Int) -> String {
            let parameters = query.setting("offset", offset == 0 ? nil : String(offset)).setting("pretty", nil)
            let canonical = parameters.canonical
            return basePath + path + (canonical.isEmpty ? "" : "?" + canonical)
        }
        let lastOffset = total == 0 ? 0 : ((total - 1) / limit) * limit
        var relations: [(String, String)] = [("self", url(offset)), ("first", url(0)), ("last", url(lastOffset))]
        // Past the end, `prev` is the last page, not another empty one.
        if offset > 0 { relations.append(("prev", url(offset > lastOffset ? lastOffset : max(0, offset - limit)))) }
        if offset + limit < total { relations.append(("next", url(offset + limit))) }
        let header = relations.filter { $0.0 != "self" }.map { "<\($0.1)>; rel=\"\($0.0)\"" }.joined(separator: ", ")
        let body = JSONValue.object([
            ("items", .array(pageItems)), ("total", .number(Double(total))), ("limit", .number(Double(limit))),
            ("offset", .number(Double(offset))),
            ("links", .object(relations.map { ($0.0, JSONValue.string($0.1)) })),
        ])
        return .json(body, link: header)
    }

    /// The top-level fields a `fields` parameter may name, and the projection it asks for.
    func project(_ value: JSONValue, fields: [String]?) -> JSONValue {
        guard let fields else { return value }
        return value.selecting(["id"] + fields.filter { $0 != "id" })
    }
}
