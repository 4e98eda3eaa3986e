import Testing

@testable import ContentAPI

@Suite("StringTable: the per-request map of paths and routes agrees with Dictionary")
struct StringTableTests {
    @Test("random updates and lookups, through many growths, give what a Dictionary gives")
    func matchesDictionary() {
        var random = SystemRandomNumberGenerator()
        let keys =
            ["", "/", "/v1/glossary", "/v1/agents/tamoxifen", "é", "/fhir/Provenance/x"]
            + (0..<600).map { "/v1/k\($0)" }
        var table = StringTable<Int>()
        var expected: [String: Int] = [:]
        for step in 0..<5_000 {
            let key = keys.randomElement(using: &random) ?? ""
            if Bool.random(using: &random) {
                table.update(key, default: 0) { $0 += step }
                expected[key, default: 0] += step
            }
            #expect(table[key] == expected[key], "\(key)")
            let absent = "absent-\(step)"
            #expect(table[absent] == nil)
        }
        #expect(table.count == expected.count)
        #expect(Dictionary(uniqueKeysWithValues: table.entries.map { ($0.key, $0.value) }) == expected)
    }

    @Test("the same key again, as the same string or an equal one, and across growths, updates one entry")
    func repeatedKey() {
        var table = StringTable<Int>()
        let route = "/v1/comparisons/{id}/rows"  // past 15 bytes: a string with storage of its own
        for step in 0..<40 {
            table.update(route, default: 0) { $0 += 1 }
            table.update("/v1/comparisons/" + "{id}/rows", default: 0) { $0 += 1 }  // equal, other storage
            table.update("/k\(step)", default: 0) { $0 += step }  // the table grows now and then
            table.update("/k\(step)", default: 0) { $0 += 1 }
        }
        #expect(table[route] == 80)
        #expect(table.count == 41)
        #expect((0..<40).allSatisfy { table["/k\($0)"] == $0 + 1 })
    }

    @Test("built from entries; a value changed in place; the hash is never the free-slot mark")
    func built() {
        var table = StringTable([("/a", [1]), ("/b", [2])])
        table.update("/a", default: []) { $0.append(3) }
        #expect(table["/a"] == [1, 3] && table["/b"] == [2] && table["/c"] == nil)
        #expect(["", "a", "/v1/search"].allSatisfy { StringTable<Int>.hash($0) != 0 })
    }

    @Test("every byte counts: at every length up to three words, changing any one byte changes the hash")
    func everyByteCounts() {
        for length in 0...24 {
            let base = [UInt8](repeating: UInt8(ascii: "a"), count: length)
            var seen: Set<UInt64> = [StringTable<Int>.hash(String(decoding: base, as: UTF8.self))]
            for position in 0..<length {
                var changed = base
                changed[position] = UInt8(ascii: "b")
                seen.insert(StringTable<Int>.hash(String(decoding: changed, as: UTF8.self)))
            }
            #expect(seen.count == length + 1, "length \(length)")
        }
        // Trailing zero bytes are not padding: the length is in the hash.
        #expect(StringTable<Int>.hash("a") != StringTable<Int>.hash("a\u{0}"))
        let paths = (0..<600).map { "/v1/k\($0)" }
        #expect(Set(paths.map(StringTable<Int>.hash)).count == paths.count)
    }
}
