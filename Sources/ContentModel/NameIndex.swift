/// Which names could match a query, found without looking at every name: names and name
/// words that start with the query (an exact name included) by binary search in a sorted list, names
/// within the allowed edits by shared trigrams. It only narrows the candidates; `SearchIndex` scores
/// them exactly as a full scan would, so the results are the same.
///
/// Why trigrams find every fuzzy match: a name of n scalars, padded with two marks at each end, has
/// n + 2 trigrams, and one edit (insertion, deletion, substitution or transposition) changes at most 4
/// of them. Within k edits, a query of m scalars and a name share at least m + 2 − 4k trigrams counted
/// with repeats, so at least d − 4k distinct ones, where d is the number of the query's distinct
/// trigrams: a name sharing fewer cannot match, and is not a candidate. Each name is counted on its own,
/// so an entry's other names do not make a name that cannot match a candidate.
struct NameIndex: Sendable {
    /// Each indexed name's entry and its position among the entry's names. Names are numbered in entry
    /// order, then position order; an entry's repeated name (same folded form) is indexed once, at its
    /// first position, which is the one a scan would keep (it scores the same and comes first).
    let owners: [(entry: Int, position: Int)]
    /// Every folded full name and name word as UTF-8, sorted, with its name's number.
    private let prefixes: [(key: [UInt8], value: Int)]
    /// Padded trigram of a folded full name → the numbers of the names that have it, each with the name's
    /// length in Unicode scalars: a name more than `edits` longer or shorter than the query is not within
    /// `edits` of it (it can still match by prefix, which the sorted list finds). The length beside the
    /// number, not in an array of its own, spares a read from another place in memory per posting.
    private let trigrams: [UInt64: [(name: Int32, length: Int32)]]

    init(names: [[String]]) {
        var owners: [(entry: Int, position: Int)] = []
        var prefixes: [(key: [UInt8], value: Int)] = []
        var trigrams: [UInt64: [(name: Int32, length: Int32)]] = [:]
        for (entry, folded) in names.enumerated() {
            var seen = Set<String>()
            for (position, name) in folded.enumerated() where seen.insert(name).inserted {
                let number = owners.count
                owners.append((entry, position))
                prefixes.append((Array(name.utf8), number))
                for word in Set(name.split(separator: " ")) where word != name {
                    prefixes.append((Array(word.utf8), number))
                }
                let length = Int32(name.unicodeScalars.count)
                for trigram in Set(Self.trigrams(name)) {
                    trigrams[trigram, default: []].append((Int32(number), length))
                }
            }
        }
        self.owners = owners
        self.prefixes = prefixes.sorted { $0.key.lexicographicallyPrecedes($1.key) }
        self.trigrams = trigrams
    }

    /// A name that may match, and whether the name or one of its words starts with the query: when not,
    /// it can match only within the allowed edits (an exact match starts with the query too).
    struct Candidate {
        /// The name's number.
        let number: Int
        let foundByPrefix: Bool
    }

    /// Every name that may match `query` (already folded) exactly, by prefix (of the name or of one of
    /// its words), or within `edits`, in ascending order of number (so by entry, then position).
    func candidates(_ query: String, edits: Int) -> [Candidate] {
        // Per name: how many of the query's trigrams it shares so far, or `Self.found` once it is a candidate.
        var marks = [UInt16](repeating: 0, count: owners.count)
        var found: [Candidate] = []
        let key = Array(query.utf8)
        var index = Self.lowerBound(key, in: prefixes)
        while index < prefixes.count, prefixes[index].key.starts(with: key) {
            let name = prefixes[index].value
            if marks[name] != Self.found {
                marks[name] = Self.found
                found.append(Candidate(number: name, foundByPrefix: true))
            }
            index += 1
        }
        if edits > 0 {
            let length = query.unicodeScalars.count
            let distinct = Set(Self.trigrams(query))
            // Capped so that counts fit below `found`: a lower bar only admits more candidates.
            let needed = min(max(1, distinct.count - 4 * edits), Int(Self.found) - 1)
            for trigram in distinct {
                for (name, nameLength) in trigrams[trigram] ?? [] where abs(Int(nameLength) - length) <= edits {
                    let mark = marks[Int(name)]
                    guard mark != Self.found else { continue }
                    if Int(mark) + 1 >= needed {
                        marks[Int(name)] = Self.found
                        found.append(Candidate(number: Int(name), foundByPrefix: false))
                    } else {
                        marks[Int(name)] = mark + 1
                    }
                }
            }
        }
        found.sort { $0.number < $1.number }
        return found
    }

    private static let found = UInt16.max

    /// The first position whose key is not below `key`.
    static func lowerBound<Value>(_ key: [UInt8], in sorted: [(key: [UInt8], value: Value)]) -> Int {
        var low = 0
        var high = sorted.count
        while low < high {
            let middle = (low + high) / 2
            if sorted[middle].key.lexicographicallyPrecedes(key) { low = middle + 1 } else { high = middle }
        }
        return low
    }

    /// The trigrams of `text` padded with two marks at each end, over Unicode scalars (as edits count).
    static func trigrams(_ text: String) -> [UInt64] {
        let pad: UInt32 = 0x11_0000  // above every scalar value
        let scalars = [pad, pad] + text.unicodeScalars.map(\.value) + [pad, pad]
        return (0..<(scalars.count - 2)).map { start in
            UInt64(scalars[start]) << 42 | UInt64(scalars[start + 1]) << 21 | UInt64(scalars[start + 2])
        }
    }
}
