import Testing

@testable import JSON

@Suite("Schema patterns: the ECMA-262 part our schemas use, over Unicode scalars")
struct PatternMatcherTests {
    static let text =
        #"^[^\u0000-\u001f\u007f-\u009f\u221e\u0020\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]([^\u0000-\u001f\u007f-\u009f\u221e]*[^\u0000-\u001f\u007f-\u009f\u221e\u0020\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000])?$"#

    @Test(
        "patterns match as a JSON Schema validator matches them",
        arguments: [
            (#"^[a-z0-9]+(-[a-z0-9]+)*$"#, "aromatase-inhibitor", true),
            (#"^[a-z0-9]+(-[a-z0-9]+)*$"#, "a--b", false),
            (#"^[a-z0-9]+(-[a-z0-9]+)*$"#, "-a", false),
            (#"^[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$"#, "2026-12-06", true),
            (#"^[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$"#, "2026-13-06", false),
            (#"^[0-9]{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12][0-9]|3[01]))?)?$"#, "2026-02", true),
            (#"^[0-9]{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12][0-9]|3[01]))?)?$"#, "2026-2", false),
            (#"^https?://\S+$"#, "https://dailymed.nlm.nih.gov/x", true),
            (#"^https?://\S+$"#, "ftp://x", false),
            (#"b{2,3}"#, "abbbc", true),
            (#"^b{2,3}$"#, "bbbb", false),
            (#"\."#, "a.b", true),
            (#"^(?:ab|cd)+$"#, "abcdab", true),
            (text, "Tamoxifen", true),
            (text, "x", true),
            (text, " leading", false),
            (text, "trailing\u{2003}", false),
            (text, "line\nbreak", false),
            (text, "an ∞ artifact", false),
            (text, "", false),
        ])
    func matches(pattern: String, text: String, expected: Bool) throws {
        let matcher = try #require(PatternMatcher(pattern))
        #expect(matcher.matches(text) == expected)
    }

    @Test("long text does not exhaust the stack")
    func longText() throws {
        let matcher = try #require(PatternMatcher(Self.text))
        #expect(matcher.matches(String(repeating: "word ", count: 20_000) + "end"))
    }

    @Test(
        "what the matcher does not implement is refused, not half-matched",
        arguments: [#"(?=a)"#, #"\bword"#, "[a-", "a{2", "(a", #"\p{L}"#])
    func refused(pattern: String) {
        #expect(PatternMatcher(pattern) == nil)
    }
}
