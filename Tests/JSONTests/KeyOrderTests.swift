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
}
