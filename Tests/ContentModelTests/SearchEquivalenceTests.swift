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
