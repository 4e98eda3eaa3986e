import JSON
import Testing

@Suite("Key order: each object in its schema's order")
struct KeyOrderTests {
    static let order = KeyOrder(
        sequences: [
            ["id", "name", "summary", "brandNames", "notes"], ["name", "status", "provenance", "notes"],
            ["name", "brand", "notes", "provenance"], ["id", "title", "description"],
        ],
        last: ["links"])

    @Test("an object takes the order of the schema object naming most of its keys, the smallest on a tie")
    func bestCover() {
        #expect(
            Self.order.sorted(["notes", "status", "name", "provenance"]) == ["name", "status", "provenance", "notes"])
        #expect(
            Self.order.sorted(["provenance", "notes", "brand", "name"]) == ["name", "brand", "notes", "provenance"])
        #expect(Self.order.sorted(["notes", "name"]) == ["name", "notes"])
    }

    @Test("keys no schema names keep their document order after the named ones; `last` keys come last")
    func unnamedAndLast() {
        #expect(
            Self.order.sorted(["links", "zeta", "summary", "alpha", "id"]) == [
                "id", "summary", "zeta", "alpha", "links",
            ])
        #expect(Self.order.sorted(["b", "links", "a"]) == ["b", "a", "links"])
        #expect(KeyOrder.document.sorted(["b", "a"]) == ["b", "a"])
    }

    @Test("ordered(by:) reorders objects at every depth, and the writer keeps that order")
    func writer() throws {
        let value = try JSONValue.parse(Array(#"{"links":{},"title":[{"z":1,"id":2}],"id":"x"}"#.utf8))
        #expect(
            String(decoding: value.ordered(by: Self.order).encoded(), as: UTF8.self)
                == #"{"id":"x","title":[{"id":2,"z":1}],"links":{}}"#)
        #expect(String(decoding: value.encoded(), as: UTF8.self) == #"{"links":{},"title":[{"z":1,"id":2}],"id":"x"}"#)
    }

    @Test("the indexed choice matches choosing by counting every schema object's names, on random objects")
    func matchesCounting() {
        var random = SystemRandomNumberGenerator()
        let names = (0..<12).map { "k\($0)" } + ["links"]
        for _ in 0..<300 {
            let sequences = (0..<Int.random(in: 0...6, using: &random)).map { _ in
                (0..<Int.random(in: 0...7, using: &random)).map { _ in names.randomElement(using: &random)! }
            }
            let order = KeyOrder(sequences: sequences, last: ["links"])
            let keys = Array(Set((0..<Int.random(in: 0...9, using: &random)).map { _ in names.randomElement()! }))
            #expect(order.sorted(keys) == Self.counting(keys, sequences: sequences, last: ["links"]), "\(sequences)")
        }
    }

    /// The rule stated plainly: for every schema object, count the keys it names; the most, then the
    /// fewest names, then the first; rank by position there, `last` after, unnamed keys between.
    static func counting(_ keys: [String], sequences: [[String]], last: [String]) -> [String] {
        let positions = sequences.map { sequence in
            Dictionary(sequence.enumerated().map { ($1, $0) }, uniquingKeysWith: { first, _ in first })
        }
        var best: [String: Int] = [:]
        var covered = 0
        for sequence in positions {
            let count = keys.filter { sequence[$0] != nil }.count
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
