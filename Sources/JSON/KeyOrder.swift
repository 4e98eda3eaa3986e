/// The order in which a writer puts object keys for people: each object in the order of the schema
/// object that describes it (`id`, `name`, `summary`, … as `Resources/schema` lists an agent's
/// properties), `last` keys (`links`) after every other. The schema object chosen is the one that names
/// the most of the object's keys, the smallest of those on a tie (the first of those on a further tie), so
/// a brand name is ordered as a brand name though a product shares some of its keys. Keys no schema names
/// keep their document order, after the named ones.
///
/// Every served object is ordered, at start-up and for each computed response, so the choice is made
/// from an index of key → the schema objects naming it: one lookup per key, not one per key and schema.
public struct KeyOrder: Sendable, Equatable {
    /// Where a key stands in one schema object: that object's index, the key's position in it.
    private struct Place: Sendable, Equatable {
        let sequence: Int32
        let position: Int32
    }

    /// Key → every schema object naming it, in the objects' order.
    private let places: [String: [Place]]
    /// Each schema object's number of distinct property names.
    private let sizes: [Int]
    private let last: [String]

    /// Orders nothing: every object keeps its document order.
    public static let document = KeyOrder(sequences: [], last: [])

    /// `sequences`: each schema object's property names, in order (a repeated name keeps its first place).
    public init(sequences: [[String]], last: [String] = []) {
        var places: [String: [Place]] = [:]
        var sizes: [Int] = []
        for (index, sequence) in sequences.enumerated() {
            var seen: Set<String> = []
            for name in sequence where seen.insert(name).inserted {
                places[name, default: []].append(Place(sequence: Int32(index), position: Int32(seen.count - 1)))
            }
            sizes.append(seen.count)
        }
        self.places = places
        self.sizes = sizes
        self.last = last
    }

    /// `keys` in this order.
    public func sorted(_ keys: [String]) -> [String] {
        guard !sizes.isEmpty || !last.isEmpty, keys.count > 1 else { return keys }
        let found = keys.map { places[$0] ?? [] }
        var counts = [Int](repeating: 0, count: sizes.count)
        for list in found { for place in list { counts[Int(place.sequence)] += 1 } }
        var (best, covered) = (-1, 0)
        for (sequence, count) in counts.enumerated()
        where count > covered || (count == covered && count > 0 && sizes[sequence] < sizes[best]) {
            (best, covered) = (sequence, count)
        }
        let unnamed = Int.max - last.count - 1
        let ranks = zip(keys, found).map { key, list in
            if let position = last.firstIndex(of: key) { return Int.max - last.count + position }
            return list.first { Int($0.sequence) == best }.map { Int($0.position) } ?? unnamed
        }
        if zip(ranks, ranks.dropFirst()).allSatisfy({ $0 <= $1 }) { return keys }
        return ranks.indices.sorted { ranks[$0] != ranks[$1] ? ranks[$0] < ranks[$1] : $0 < $1 }.map { keys[$0] }
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
