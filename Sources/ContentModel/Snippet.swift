/// Short excerpts of an entry's text for search results.
enum Snippet {
    static let length = 160

    /// The text's opening, cut at a word boundary.
    static func opening(of text: String) -> String {
        guard text.count > length else { return text }
        let cut = text.prefix(length)
        let end = cut.lastIndex(of: " ") ?? cut.endIndex
        return String(cut[..<end]) + "…"
    }

    /// A window of the text around the first word that matches one of `words` (folded).
    static func around(_ words: [String], in text: String) -> String {
        guard let range = firstMatchRange(words, in: text) else { return opening(of: text) }
        let start = text.index(range.lowerBound, offsetBy: -60, limitedBy: text.startIndex) ?? text.startIndex
        let wordStart = start == text.startIndex ? start : (text[start...].firstIndex(of: " ").map { text.index(after: $0) } ?? start)
        let window = text[wordStart...]
        var excerpt = opening(of: String(window))
        if wordStart != text.startIndex { excerpt = "…" + excerpt }
        return excerpt
    }

    static func firstMatch(_ words: [String], in text: String) -> String? {
        firstMatchRange(words, in: text).map { String(text[$0]) }
    }

    /// The range of the first word of `text` whose folded form equals, or (last word) starts with, one of `words`.
    private static func firstMatchRange(_ words: [String], in text: String) -> Range<String.Index>? {
        var index = text.startIndex
        while index < text.endIndex {
            guard let start = text[index...].firstIndex(where: { $0.isLetter || $0.isNumber }) else { return nil }
            let end = text[start...].firstIndex(where: { !($0.isLetter || $0.isNumber) }) ?? text.endIndex
            let folded = TextFolding.fold(String(text[start..<end]))
            if words.contains(folded) || (words.last.map { $0.count >= 3 && folded.hasPrefix($0) } ?? false) {
                return start..<end
            }
            index = end
        }
        return nil
    }
}
