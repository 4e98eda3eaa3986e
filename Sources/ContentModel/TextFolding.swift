import Foundation

/// Case- and diacritic-insensitive text, as search compares it.
enum TextFolding {
    /// Lower-cased, accents removed (`Clomifène` → `clomifene`), every run of non-alphanumerics one space.
    static func fold(_ text: String) -> String {
        let folded = text.folding(options: [.caseInsensitive, .diacriticInsensitive, .widthInsensitive], locale: nil)
        var out = ""
        out.reserveCapacity(folded.utf8.count)
        var pendingSpace = false
        for scalar in folded.unicodeScalars {
            if CharacterSet.alphanumerics.contains(scalar) {
                if pendingSpace && !out.isEmpty { out.append(" ") }
                pendingSpace = false
                out.unicodeScalars.append(scalar)
            } else {
                pendingSpace = true
            }
        }
        return out
    }

    static func tokens(_ text: String) -> [String] {
        fold(text).split(separator: " ").map(String.init)
    }

    /// Edits a fuzzy match may use: none up to 4 characters, one up to 8, two beyond.
    static func allowedEdits(forLength length: Int) -> Int {
        length <= 4 ? 0 : (length <= 8 ? 1 : 2)
    }
}
