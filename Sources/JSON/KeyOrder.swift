/// The order in which a writer puts object keys for people: each object in the order of the schema
/// object that describes it (`id`, `name`, `summary`, … as `Resources/schema` lists an agent's
/// properties), `last` keys (`links`) after every other. The schema object chosen is the one that names
/// the most of the object's keys, the smallest of those on a tie, so a brand name is ordered as a brand
/// name though a product shares some of its keys. Keys no schema names keep their document order, after
/// the named ones.
public struct KeyOrder: Sendable, Equatable {
    /// Each schema object's properties: name → position.
    private let sequences: [[String: Int]]
    private let last: [String]

    /// Orders nothing: every object keeps its document order.
    public static let document = KeyOrder(sequences: [], last: [])

    /// `sequences`: each schema object's property names, in order.
    public init(sequences: [[String]], last: [String] = []) {
        self.sequences = sequences.map { sequence in
            Dictionary(sequence.enumerated().map { ($1, $0) }, uniquingKeysWith: { first, _ in first })
        }
        self.last = last
    }

    /// `keys` in this order.
    public func sorted(_ keys: [String]) -> [String] {
        guard !sequences.isEmpty || !last.isEmpty else { return keys }
        var best: [String: Int] = [:]
        var covered = 0
        for sequence in sequences {
            let count = keys.reduce(0) { $0 + (sequence[$1] == nil ? 0 : 1) }
            if count > covered || (count == covered && count > 0 && sequence.count < best.count) {
                (best, covered) = (sequence, count)
            }
        }
        func rank(_ key: String) -> Int {
            if let position = last.firstIndex(of: key) { return Int.max - last.count + position }
            return best[key] ?? (Int.max - last.count - 1)
        }
        return keys.enumerated().sorted { left, right in
            let (l, r) = (rank(left.element), rank(right.element))
            return l != r ? l < r : left.offset < right.offset
        }.map(\.element)
    }
}

extension JSONValue {
    /// This value with every object's keys in `order` (at any depth).
    public func ordered(by order: KeyOrder) -> JSONValue {
        switch self {
        case .object(let fields, let keyOrder):
            return .object(fields.mapValues { $0.ordered(by: order) }, keyOrder: order.sorted(keyOrder))
        case .array(let items): return .array(items.map { $0.ordered(by: order) })
        default: return self
        }
    }
}
