import Testing

@testable import ContentAPI

@Suite("FHIR narrative: text escaped so it cannot open or close an element")
struct NarrativeTests {
    @Test("the four specials become entities wherever they stand; every other byte passes unchanged")
    func escaped() {
        #expect(Narrative.escaped(#"a < b & c > "d""#) == "a &lt; b &amp; c &gt; &quot;d&quot;")
        #expect(Narrative.escaped("Östrogen — ≥ 20 mg") == "Östrogen — ≥ 20 mg")
        // A combining mark after a special makes one Character of the two; the special is still escaped.
        #expect(Narrative.escaped("<\u{301}x") == "&lt;\u{301}x")
        #expect(Narrative.escaped("") == "")
    }

    @Test("a generated narrative is one XHTML div of paragraphs, its text escaped")
    func generated() {
        let narrative = Narrative.generated([.heading("A & B"), .paragraph("<p>"), .list(["x", "y"]), .list([])])
        #expect(
            narrative.div
                == #"<div xmlns="http://www.w3.org/1999/xhtml"><p><b>A &amp; B</b></p><p>&lt;p&gt;</p><ul><li>x</li><li>y</li></ul></div>"#
        )
    }
}
