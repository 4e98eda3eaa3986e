import JSON

/// Rewrites a problem's JSON path so that an editor can find the record without counting: an array
/// element that is an object with a unique string `id` is named by it, `$.agents[2].class` becomes
/// `$.agents[id=raloxifene].class`. Elements without an id, or whose id is not unique in their array,
/// keep their index.
enum ProblemPath {
    static func named(_ path: String, in root: JSONValue) -> String {
        var output = ""
        var node: JSONValue? = root
        var rest = Substring(path)
        if rest.hasPrefix("$") {
            output = "$"
            rest = rest.dropFirst()
        }
        while let first = rest.first {
            if first == "." {
                let key = rest.dropFirst().prefix { $0 != "." && $0 != "[" }
                output += "." + key
                rest = rest.dropFirst(1 + key.count)
                if case .object(let fields, _)? = node { node = fields[String(key)] } else { node = nil }
            } else if first == "[", let close = rest.firstIndex(of: "]") {
                let inside = rest[rest.index(after: rest.startIndex)..<close]
                rest = rest[rest.index(after: close)...]
                guard let index = Int(inside), case .array(let items)? = node, items.indices.contains(index) else {
                    output += "[\(inside)]"
                    node = nil
                    continue
                }
                node = items[index]
                if let id = stringID(items[index]), items.filter({ stringID($0) == id }).count == 1 {
                    output += "[id=\(id)]"
                } else {
                    output += "[\(index)]"
                }
            } else {
                output += rest
                break
            }
        }
        return output
    }

    /// A message that cites another place of the same file, as a duplicate id cites the first
    /// (`(first at $.agents[2].uses[0])`), names it as the problem's own path is named.
    static func namedCitations(in message: String, in root: JSONValue) -> String {
        let marker = "(first at "
        guard let open = message.indices.first(where: { message[$0...].hasPrefix(marker + "$") }) else {
            return message
        }
        let start = message.index(open, offsetBy: marker.count)
        guard let close = message[start...].firstIndex(of: ")") else { return message }
        return String(message[..<start]) + named(String(message[start..<close]), in: root) + message[close...]
    }

    private static func stringID(_ value: JSONValue) -> String? {
        if case .object(let fields, _) = value, case .string(let id)? = fields["id"], !id.isEmpty { return id }
        return nil
    }
}
