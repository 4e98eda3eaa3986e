@_spi(_Unicode) import Swift  // String._nfd: canonical decomposition, the way FoundationEssentials reaches it

/// Case- and diacritic-insensitive text, as search compares it.
enum TextFolding {
    /// Lower-cased, accents removed (`Clomifène` → `clomifene`), full-width forms narrowed (`Ｅ` → `e`),
    /// every run of non-alphanumerics one space. No Foundation (and so no ICU): the canonical decomposition
    /// splits accents off their letters, and the combining marks are dropped.
    static func fold(_ text: String) -> String {
        if text.utf8.allSatisfy({ $0 < 0x80 }) { return foldASCII(text.utf8) }
        var out = ""
        out.reserveCapacity(text.utf8.count)
        var pendingSpace = false
        for decomposed in text._nfd {
            var scalar = decomposed
            if (0xFF01...0xFF5E).contains(scalar.value), let narrow = Unicode.Scalar(scalar.value - 0xFEE0) {
                scalar = narrow
            }
            let properties = scalar.properties
            if properties.generalCategory == .nonspacingMark { continue }
            if properties.isAlphabetic || properties.numericType != nil {
                if pendingSpace && !out.isEmpty { out.append(" ") }
                pendingSpace = false
                out.unicodeScalars.append(contentsOf: properties.lowercaseMapping.unicodeScalars)
            } else {
                pendingSpace = true
            }
        }
        return out
    }

    /// The same for ASCII text, without Foundation: the common case, and the fast one.
    private static func foldASCII(_ bytes: String.UTF8View) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        var pendingSpace = false
        for byte in bytes {
            let lower = (byte >= 0x41 && byte <= 0x5A) ? byte + 0x20 : byte
            let isWordByte = (lower >= 0x61 && lower <= 0x7A) || (lower >= 0x30 && lower <= 0x39)
            if isWordByte {
                if pendingSpace && !out.isEmpty { out.append(0x20) }
                pendingSpace = false
                out.append(lower)
            } else {
                pendingSpace = true
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// Edits a fuzzy match may use: none up to 4 characters, one up to 8, two beyond.
    static func allowedEdits(forLength length: Int) -> Int {
        length <= 4 ? 0 : (length <= 8 ? 1 : 2)
    }
}
