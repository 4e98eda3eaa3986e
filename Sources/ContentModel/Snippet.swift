/// An entry's prose split into words once, at index time, so a query never folds text again.
struct IndexedText: Sendable {
    let text: String
    /// Each word's folded form and where it stands in `text`.
    let words: [(folded: String, range: Range<String.Index>)]

    init(_ text: String) {
        self.text = text
        var words: [(String, Range<String.Index>)] = []
        var index = text.startIndex
        while let start = text[index...].firstIndex(where: { $0.isLetter || $0.isNumber }) {
            let end = text[start...].firstIndex(where: { !($0.isLetter || $0.isNumber) }) ?? text.endIndex
            for (offset, part) in TextFolding.fold(String(text[start..<end])).split(separator: " ").enumerated() {
                // A word folding into several (rare: ligatures) keeps the whole range for each part.
                words.append((String(part), start..<end))
                _ = offset
            }
            index = end
        }
        self.words = words
    }

    static let snippetLength = 160

    /// The text's opening, cut at a word boundary.
    var opening: String { Self.cut(text[...]) }

    /// A window of the text around the first word that equals one of `query`, or starts with its last
    /// word when that is 3 characters or more.
    func snippet(around query: [String]) -> (snippet: String, matched: String?) {
        guard let range = firstMatch(query) else { return (opening, nil) }
        let start = text.index(range.lowerBound, offsetBy: -60, limitedBy: text.startIndex) ?? text.startIndex
        let wordStart =
            start == text.startIndex
            ? start : (text[start...].firstIndex(of: " ").map { text.index(after: $0) } ?? start)
        let excerpt = Self.cut(text[wordStart...])
        return (wordStart == text.startIndex ? excerpt : "…" + excerpt, String(text[range]))
    }

    private func firstMatch(_ query: [String]) -> Range<String.Index>? {
        guard let last = query.last else { return nil }
        return words.first { query.contains($0.folded) || (last.count >= 3 && $0.folded.hasPrefix(last)) }?.range
    }

    private static func cut(_ text: Substring) -> String {
        let cut = text.prefix(snippetLength)  // not `text.count`: that walks the whole rest of the text
        guard cut.endIndex < text.endIndex else { return String(text) }
        let end = cut.lastIndex(of: " ") ?? cut.endIndex
        return String(cut[..<end]) + "…"
    }
}
