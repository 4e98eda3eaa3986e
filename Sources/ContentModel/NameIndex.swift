/// Which entries could match a query by name, found without looking at every entry: names and name
/// words that start with the query (an exact name included) by binary search in a sorted list, names
/// within the allowed edits by shared trigrams. It only narrows the candidates; `SearchIndex` scores
/// them exactly as a full scan would, so the results are the same.
///
/// Why trigrams find every fuzzy match: a name of n scalars, padded with two marks at each end, has
/// n + 2 trigrams, and one edit (insertion, deletion, substitution or transposition) changes at most 4
/// of them. Within k edits, a query of m scalars and a name share at least m + 2 − 4k trigrams counted
/// with repeats, so at least d − 4k distinct ones, where d is the number of the query's distinct
/// trigrams: a name sharing fewer cannot match, and is not a candidate. (An entry's names pool their
/// trigrams, which can only raise its count: a filter that errs towards candidates, never away.)
struct NameIndex: Sendable {
    /// Every folded full name and name word as UTF-8, sorted, with its entry.
    private let prefixes: [(key: [UInt8], entry: Int)]
    /// Padded trigram of a folded full name → entries with such a name.
    private let trigrams: [UInt64: [Int]]

    init(names: [[String]]) {
        var prefixes: [(key: [UInt8], entry: Int)] = []
        var trigrams: [UInt64: [Int]] = [:]
        for (entry, folded) in names.enumerated() {
            for name in Set(folded) {
                prefixes.append((Array(name.utf8), entry))
                for word in Set(name.split(separator: " ")) where word != name {
                    prefixes.append((Array(word.utf8), entry))
                }
                for trigram in Set(Self.trigrams(name)) { trigrams[trigram, default: []].append(entry) }
            }
        }
        self.prefixes = prefixes.sorted { $0.key.lexicographicallyPrecedes($1.key) }
        self.trigrams = trigrams
    }

    /// Every entry that may match `query` (already folded) exactly, by prefix, or within `edits`.
    func candidates(_ query: String, edits: Int) -> Set<Int> {
        var found = Set<Int>()
        let key = Array(query.utf8)
        var index = Self.lowerBound(key, in: prefixes)
        while index < prefixes.count, prefixes[index].key.starts(with: key) {
            found.insert(prefixes[index].entry)
            index += 1
        }
        if edits > 0 {
            let distinct = Set(Self.trigrams(query))
            let needed = max(1, distinct.count - 4 * edits)
            var shared: [Int: Int] = [:]
            for trigram in distinct {
                for entry in trigrams[trigram] ?? [] { shared[entry, default: 0] += 1 }
            }
            for (entry, count) in shared where count >= needed { found.insert(entry) }
        }
        return found
    }

    /// The first position whose key is not below `key`.
    static func lowerBound<Element>(_ key: [UInt8], in sorted: [(key: [UInt8], entry: Element)]) -> Int {
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
