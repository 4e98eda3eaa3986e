import ContentModel
import JSON

extension JSONValue {
    /// Any Encodable model value as a tree, through JSONEncoder: record views are made once, at load;
    /// what a query adds (`include`, a section's links, an export) is made per request, then cached.
    static func from(_ value: some Encodable) -> JSONValue {
        guard let data = try? JSONCoding.encoder.encode(value), let tree = try? JSONValue.parse(Array(data)) else {
            preconditionFailure("model values always encode")
        }
        return tree
    }
}
