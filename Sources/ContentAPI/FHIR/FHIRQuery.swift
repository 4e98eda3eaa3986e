/// A FHIR query string read by FHIR's rules (R5 §3.2.1.5, "Search"), not `/v1`'s: a parameter given
/// more than once ANDs its occurrences and commas inside one occurrence OR its values; `name:modifier`
/// names a modifier, which this server supports for no parameter, so it is an error whatever the
/// handling (ignoring one would invert a query such as `code:not=…`); an unknown name is an error,
/// unless the client prefers lenient handling, when it is ignored and the Bundle says so.
struct FHIRQuery: Sendable {
    /// Every occurrence kept, decoded, in request order.
    private(set) var occurrences: [(name: String, value: String)] = []
    /// Unknown names ignored under lenient handling, in request order.
    private(set) var ignored: [String] = []

    /// Reads `query`; `repeatable` are the parameters whose occurrences AND, every other may appear once.
    init(_ query: String?, allowed: [String], repeatable: Set<String> = [], lenient: Bool) throws(APIError) {
        guard let query, !query.isEmpty else { return }
        var seen = Set<String>()
        for pair in query.split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let name = QueryParameters.decode(parts[0]) ?? String(parts[0])
            guard let value = QueryParameters.decode(parts.count > 1 ? parts[1] : "") else {
                throw .invalidParameter(
                    name: name, value: String(parts[1]), allowed: .rule("valid percent-encoded UTF-8"))
            }
            if let colon = name.firstIndex(of: ":"), allowed.contains(String(name[..<colon])) {
                throw .unsupportedModifier(
                    parameter: String(name[..<colon]), modifier: String(name[name.index(after: colon)...]))
            }
            guard allowed.contains(name) else {
                if lenient {
                    ignored.append(name)
                    continue
                }
                throw .unknownParameter(name: name, allowed: allowed)
            }
            if !seen.insert(name).inserted, !repeatable.contains(name) { throw .repeatedParameter(name: name) }
            occurrences.append((name, value))
        }
    }

    /// The decoded parameter names of a query string, in order, without reading their values.
    static func names(in query: String?) -> [String] {
        guard let query, !query.isEmpty else { return [] }
        return query.split(separator: "&").map { pair in
            let name = pair.prefix { $0 != "=" }
            return QueryParameters.decode(name) ?? String(name)
        }
    }

    /// The parameter's value (its only occurrence), or nil when absent.
    subscript(name: String) -> String? { occurrences.first { $0.name == name }?.value }

    /// Each occurrence's comma-separated values: every occurrence must match (AND), one of its values
    /// enough (OR). Nil when absent; an empty value is a 400, as it would match nothing.
    func alternatives(_ name: String) throws(APIError) -> [[String]]? {
        let given = occurrences.filter { $0.name == name }.map(\.value)
        guard !given.isEmpty else { return nil }
        return try given.map { value throws(APIError) -> [String] in
            let values = value.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            if values.contains(where: \.isEmpty) {
                throw .invalidParameter(
                    name: name, value: value, allowed: .rule("one or more comma-separated values, none empty"))
            }
            return values
        }
    }

    /// A whole number at least `range.lowerBound`; above the range it is `range.upperBound` (a server
    /// may return fewer than asked, R5 §3.2.1.7.4), or `fallback` when absent.
    func integer(_ name: String, capped range: ClosedRange<Int>, default fallback: Int) throws(APIError) -> Int {
        guard let text = self[name] else { return fallback }
        guard !text.isEmpty, text.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) else {
            throw .invalidParameter(name: name, value: text, allowed: .integer(from: range.lowerBound))
        }
        let number = text.count > 18 ? range.upperBound : Int(text) ?? range.upperBound
        guard number >= range.lowerBound else {
            throw .invalidParameter(name: name, value: text, allowed: .integer(from: range.lowerBound))
        }
        return min(number, range.upperBound)
    }

    /// A whole number in `range`, or `fallback` when absent; outside the range is a 400.
    func integer(_ name: String, in range: ClosedRange<Int>, default fallback: Int) throws(APIError) -> Int {
        let number = try integer(name, capped: range.lowerBound...Int.max, default: fallback)
        guard number <= range.upperBound else {
            throw .invalidParameter(
                name: name, value: self[name] ?? "",
                allowed: .integer(from: range.lowerBound, to: range.upperBound))
        }
        return number
    }

    /// One of `allowed`, or nil when absent.
    func choice(_ name: String, _ allowed: [String]) throws(APIError) -> String? {
        guard let value = self[name] else { return nil }
        guard allowed.contains(value) else {
            throw .invalidParameter(name: name, value: value, allowed: .oneOf(allowed))
        }
        return value
    }

    /// The query with `name` set to `value` alone (or removed when nil).
    func setting(_ name: String, _ value: String?) -> FHIRQuery {
        var copy = self
        copy.occurrences.removeAll { $0.name == name }
        if let value { copy.occurrences.append((name, value)) }
        return copy
    }

    /// The occurrences ordered by name (each name's in request order), for links: equal queries, equal links.
    var canonical: String {
        occurrences.enumerated().sorted { ($0.element.name, $0.offset) < ($1.element.name, $1.offset) }
            .map { "\(QueryParameters.encode($0.element.name))=\(QueryParameters.encode($0.element.value))" }
            .joined(separator: "&")
    }
}
