import Foundation
import Glibc
import Testing

@testable import ContentModel

/// The indexes only narrow the candidates: every query must give exactly what scoring every entry gives.
@Suite("Indexed search equals a full scan")
struct SearchEquivalenceTests {
    /// Names, their prefixes, one-edit and two-edit variants, body words and their prefixes, phrases.
    static func queries(_ index: SearchIndex, limit: Int) -> [String] {
        var queries: Set<String> = []
        for entry in index.entries {
            for name in entry.names {
                let scalars = Array(name.original.unicodeScalars)
                queries.insert(name.original)
                for length in stride(from: 3, to: scalars.count, by: 2) {
                    queries.insert(String(String.UnicodeScalarView(scalars.prefix(length))))
                }
                if scalars.count > 5 {
                    var deleted = scalars
                    deleted.remove(at: scalars.count / 2)
                    queries.insert(String(String.UnicodeScalarView(deleted)))
                    var swapped = scalars
                    swapped.swapAt(1, 2)
                    queries.insert(String(String.UnicodeScalarView(swapped)))
                    var twice = swapped
                    twice[scalars.count - 2] = "q"
                    queries.insert(String(String.UnicodeScalarView(twice)))
                }
            }
            let words = entry.body.words.map(\.folded)
            for word in words.prefix(6) {
                queries.insert(word)
                if word.count > 4 { queries.insert(String(word.prefix(4))) }
            }
            if words.count > 2 { queries.insert(words[0] + " " + String(words[1].prefix(3))) }
        }
        return Array(queries.sorted().prefix(limit))
    }

    static func expectSame(_ index: SearchIndex, queries: [String]) {
        for query in queries {
            for kinds in [Set(SearchIndex.Kind.allCases), [.agent], [.glossary, .section]] {
                let indexed = index.search(query, kinds: kinds, limit: 10_000, scan: false)
                let scanned = index.search(query, kinds: kinds, limit: 10_000, scan: true)
                #expect(indexed == scanned, "query '\(query)' kinds \(kinds.map(\.rawValue).sorted())")
            }
        }
    }

    @Test("on the bundled content")
    func bundled() {
        let index = SearchIndex(library: Bundled.library)
        let queries = Self.queries(index, limit: 2_000)
        #expect(queries.count > 500)
        Self.expectSame(index, queries: queries)
    }

    @Test("on a synthetic library three times ours (Benchmarks/synthetic.py)")
    func synthetic() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("synthetic-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        let script = URL(fileURLWithPath: Bundled.directory).deletingLastPathComponent()
            .appendingPathComponent("Benchmarks/synthetic.py").path
        // system(3), not Foundation's Process: Process.run leaks a weak-reference side table that
        // LeakSanitizer reports (in Foundation, not here).
        let command = "python3 '\(script)' '\(Bundled.directory)' '\(directory.path)' 3"
        try #require(system(command) == 0, "Benchmarks/synthetic.py failed")
        let index = SearchIndex(library: try ContentLoader.load(directory: directory.path))
        #expect(index.entries.count == 3 * SearchIndex(library: Bundled.library).entries.count)
        Self.expectSame(index, queries: Self.queries(index, limit: 600))
    }
}

@Suite("Edit distance")
struct EditDistanceTests {
    /// The whole table, every cell, no early exit: what the banded version must agree with.
    static func reference(_ a: [UInt32], _ b: [UInt32]) -> Int {
        var table = [[Int]](repeating: [Int](repeating: 0, count: b.count + 1), count: a.count + 1)
        for i in 0...a.count { table[i][0] = i }
        for j in 0...b.count { table[0][j] = j }
        for i in stride(from: 1, through: a.count, by: 1) {
            for j in stride(from: 1, through: b.count, by: 1) {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                table[i][j] = min(table[i - 1][j] + 1, table[i][j - 1] + 1, table[i - 1][j - 1] + cost)
                if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] {
                    table[i][j] = min(table[i][j], table[i - 2][j - 2] + 1)
                }
            }
        }
        return table[a.count][b.count]
    }

    /// Every word against every other, and against variants of itself with random edits.
    static func pairs() -> [(String, String)] {
        var generator = SystemRandomNumberGenerator()
        let words = [
            "tamoxifen", "raloxifene", "bazedoxifene", "estradiol", "ospemifene", "a", "ab", "ba", "abc", "éàé", "aé",
            String(repeating: "ab", count: 32), String(repeating: "é", count: 31) + "a",
        ]
        // Edits from an alphabet of four letters, one of them not ASCII, so edits collide.
        let alphabet: [Unicode.Scalar] = ["a", "b", "c", "é"]
        var pairs: [(String, String)] = []
        for word in words {
            for other in words { pairs.append((word, other)) }
            for _ in 0..<40 {  // one to four random edits
                var scalars = Array(word.unicodeScalars)
                for _ in 0..<Int.random(in: 1...4, using: &generator) {
                    let letter = alphabet[Int.random(in: 0..<alphabet.count, using: &generator)]
                    let at = Int.random(in: 0...scalars.count, using: &generator)
                    switch Int.random(in: 0..<4, using: &generator) {
                    case 0: scalars.insert(letter, at: at)
                    case 1 where at < scalars.count: scalars.remove(at: at)
                    case 2 where at < scalars.count: scalars[at] = letter
                    case 3 where at + 1 < scalars.count: scalars.swapAt(at, at + 1)
                    default: break
                    }
                }
                pairs.append((word, String(String.UnicodeScalarView(scalars))))
            }
        }
        return pairs
    }

    @Test("the band equals the whole table, up to the limit, for every limit from 0 to 3")
    func bandEqualsTable() {
        for (a, b) in Self.pairs() {
            let (x, y) = (a.unicodeScalars.map(\.value), b.unicodeScalars.map(\.value))
            let whole = Self.reference(x, y)
            for limit in 0...3 {
                let banded = EditDistance.between(x, y, limit: limit)
                let expected = min(whole, limit + 1)
                #expect(banded == expected, "'\(a)' '\(b)' limit \(limit): \(banded), whole table \(whole)")
            }
        }
    }

    @Test("the bit-parallel pattern equals the whole table too, either way round, up to 64 scalars")
    func patternEqualsTable() {
        for (a, b) in Self.pairs() {
            let (x, y) = (a.unicodeScalars.map(\.value), b.unicodeScalars.map(\.value))
            let whole = Self.reference(x, y)
            for (pattern, text) in [(x, y), (y, x)] {
                guard let prepared = EditDistance.Pattern(pattern) else {
                    #expect(pattern.count > EditDistance.Pattern.maxCount)
                    continue
                }
                for limit in [0, 1, 2, 3, 70] {
                    #expect(
                        prepared.distance(to: text, limit: limit) == min(whole, limit + 1), "'\(a)' '\(b)' \(limit)")
                }
            }
        }
        let long = [UInt32](repeating: 0x61, count: EditDistance.Pattern.maxCount)
        #expect(EditDistance.Pattern(long) != nil)
        #expect(EditDistance.Pattern(long + [0x61]) == nil, "one scalar more than a mask has bits")
    }

    @Test("ties between kinds are broken alphabetically by the kind's name")
    func tieRank() {
        let index = SearchIndex(library: Bundled.library)
        let byRank = Dictionary(grouping: index.entries, by: \.tieRank).mapValues { Set($0.map(\.kind.rawValue)) }
        #expect(byRank.values.allSatisfy { $0.count == 1 }, "one kind per rank: \(byRank)")
        let names = byRank.keys.sorted().compactMap { byRank[$0]?.first }
        #expect(names == names.sorted())
        #expect(Set(names) == Set(index.kinds.map(\.rawValue)))
    }
}
