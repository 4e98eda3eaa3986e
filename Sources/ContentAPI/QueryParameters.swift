import HTTP1

/// The query string of a request, decoded and checked against the parameters a route accepts.
struct QueryParameters: Sendable, Equatable {
    private(set) var values: [String: String] = [:]
    /// Names given alone, without `=` (`?pretty`): a flag set. `pretty=` is an empty value, not a flag.
    private(set) var bare: Set<String> = []

    static let empty = QueryParameters()

    /// The parameters that take comma-separated lists, which may also be repeated.
    static let lists: Set<String> = ["fields", "include", "type", "agents"]

    /// Parses `a=1&b=two%20words&flag`. `+` is a space (HTML forms); escapes must decode to valid UTF-8.
    /// Control characters are kept: values are only compared and searched, and are escaped wherever
    /// they are echoed (JSON, problem details, links).
    /// Names not in `allowed` and repeated names are errors.
    init(_ query: String?, allowed: [String]) throws(APIError) {
        guard let query, !query.isEmpty else { return }
        for pair in query.split(separator: "&", omittingEmptySubsequences: true) {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let name = Self.decode(parts[0]) ?? String(parts[0])
            guard let value = Self.decode(parts.count > 1 ? parts[1] : "") else {
                throw .invalidParameter(
                    name: name, value: String(parts[1]), allowed: .rule("valid percent-encoded UTF-8"))
            }
            guard allowed.contains(name) else { throw .unknownParameter(name: name, allowed: allowed) }
            if let earlier = values[name] {
                // A list may be given as one comma-separated value or repeated (`include=a&include=b`), as
                // generated clients send arrays; any other parameter once. Repeated, a name is no flag.
                guard Self.lists.contains(name) else { throw .repeatedParameter(name: name) }
                values[name] = earlier + "," + value
                bare.remove(name)
            } else {
                values[name] = value
                if parts.count == 1 { bare.insert(name) }
            }
        }
    }

    private init() {}

    subscript(name: String) -> String? { values[name] }

    var isEmpty: Bool { values.isEmpty }

    /// The parameters in a fixed order, for cache keys and links.
    var canonical: String {
        values.keys.sorted().map { key in
            let value = values[key] ?? ""
            return value.isEmpty && bare.contains(key) ? Self.encode(key) : "\(Self.encode(key))=\(Self.encode(value))"
        }.joined(separator: "&")
    }

    func setting(_ name: String, _ value: String?) -> QueryParameters {
        var copy = self
        copy.values[name] = value
        copy.bare.remove(name)
        return copy
    }

    /// An integer in `range`, or `fallback` when absent.
    func integer(_ name: String, in range: ClosedRange<Int>, default fallback: Int) throws(APIError) -> Int {
        guard let text = values[name] else { return fallback }
        guard !text.isEmpty, text.count <= 9, text.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }),
            let number = Int(text),
            range.contains(number)
        else {
            throw .invalidParameter(
                name: name, value: text, allowed: .integer(from: range.lowerBound, to: range.upperBound))
        }
        return number
    }

    /// A comma-separated list; each element must be in `allowed` when given.
    func list(_ name: String, allowed: [String]? = nil) throws(APIError) -> [String]? {
        guard let text = values[name] else { return nil }
        let items = text.split(separator: ",", omittingEmptySubsequences: false).map { String($0) }
        for item in items {
            if item.isEmpty || (allowed.map { !$0.contains(item) } ?? false) {
                let choices = allowed.map(Accepted.listOf) ?? .rule("a comma-separated list, no item empty")
                throw .invalidParameter(name: name, value: text, allowed: choices)
            }
        }
        return items
    }

    /// Free text of `minLength` to `maxLength` characters, or nil when absent. Characters are counted as
    /// Unicode code points, as JSON Schema's `minLength`/`maxLength` count them (not grapheme clusters:
    /// one letter with ten combining marks is eleven).
    func text(_ name: String, minLength: Int = 0, maxLength: Int = 200) throws(APIError) -> String? {
        guard let text = values[name] else { return nil }
        guard (minLength...maxLength).contains(text.unicodeScalars.count) else {
            throw .invalidParameter(name: name, value: text, allowed: .length(minLength...maxLength))
        }
        return text
    }

    /// One value of a fixed set.
    /// An id (letters, digits, single hyphens; matched lower-cased), or nil when absent.
    func id(_ name: String) throws(APIError) -> String? {
        guard let text = values[name] else { return nil }
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard text.count <= 64, !parts.contains(where: \.isEmpty),
            parts.allSatisfy({ $0.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber) } })
        else {
            throw .invalidParameter(
                name: name, value: text, allowed: .rule("an id: letters, digits and single hyphens"))
        }
        return text.lowercased()
    }

    /// One value of a fixed set, matched case-insensitively (ids are lower-case slugs: `SERM` is `serm`).
    func choice(_ name: String, _ allowed: [String]) throws(APIError) -> String? {
        guard let text = values[name] else { return nil }
        guard let match = allowed.first(where: { $0.lowercased() == text.lowercased() }) else {
            throw .invalidParameter(name: name, value: text, allowed: .oneOf(allowed))
        }
        return match
    }

    /// A flag such as `pretty`: present (with no value, `true` or `1`) or absent.
    func flag(_ name: String) throws(APIError) -> Bool {
        guard let text = values[name] else { return false }
        if text.isEmpty, bare.contains(name) { return true }
        switch text {
        case "true": return true
        case "false": return false
        default: throw .invalidParameter(name: name, value: text, allowed: .oneOf(["true", "false"]))
        }
    }

    static func decode(_ text: Substring) -> String? {
        // Usually nothing to decode: the text is already what it says (valid UTF-8, as any Substring).
        if !text.utf8.contains(where: { $0 == UInt8(ascii: "%") || $0 == UInt8(ascii: "+") }) { return String(text) }
        var bytes: [UInt8] = []
        var iterator = text.utf8.makeIterator()
        while let byte = iterator.next() {
            switch byte {
            case UInt8(ascii: "+"): bytes.append(0x20)
            case UInt8(ascii: "%"):
                guard let high = iterator.next()?.hexDigitValue, let low = iterator.next()?.hexDigitValue else {
                    return nil
                }
                bytes.append(high << 4 | low)
            default: bytes.append(byte)
            }
        }
        return String(validating: bytes, as: UTF8.self)
    }

    /// Percent-encodes everything but unreserved characters (RFC 3986 §2.3), and `,` for lists.
    static func encode(_ text: String) -> String {
        if text.utf8.allSatisfy(isKept) { return text }
        var out = ""
        for byte in text.utf8 {
            if isKept(byte) {
                out.unicodeScalars.append(Unicode.Scalar(byte))
            } else {
                let hex = Array("0123456789ABCDEF".unicodeScalars)
                out.append("%")
                out.unicodeScalars.append(hex[Int(byte >> 4)])
                out.unicodeScalars.append(hex[Int(byte & 0x0F)])
            }
        }
        return out
    }

    private static func isKept(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
            UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"),
            UInt8(ascii: "~"), UInt8(ascii: ","):
            true
        default:
            false
        }
    }
}
