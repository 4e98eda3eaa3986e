/// Character classes of the HTTP and URI grammars, as byte predicates.
enum ByteClass {
    static let cr: UInt8 = 0x0D
    static let lf: UInt8 = 0x0A
    static let space: UInt8 = 0x20
    static let tab: UInt8 = 0x09
    static let colon: UInt8 = 0x3A

    /// `tchar` of RFC 9110 §5.6.2.
    static func isTokenChar(_ byte: UInt8) -> Bool { token.contains(byte) }

    /// Whether `byte` is in the ASCII set given as one bit per byte, in two words (0–63 and 64–127): the
    /// parser asks this for every byte of a head, and a shift and a mask answer it without a branch per
    /// character. The sets' tests compare each with its definition over all 256 bytes.
    struct Set128 {
        let low: UInt64
        let high: UInt64

        func contains(_ byte: UInt8) -> Bool {
            byte < 64 ? (low >> byte) & 1 == 1 : byte < 128 && (high >> (byte &- 64)) & 1 == 1
        }
    }

    /// `!#$%&'*+-.^_`|~`, digits and letters.
    static let token = Set128(low: 0x03FF_6CFA_0000_0000, high: 0x57FF_FFFF_C7FF_FFFE)
    /// `pchar` without `pct-encoded`: unreserved, sub-delims, `:` and `@`.
    static let path = Set128(low: 0x2FFF_7FD2_0000_0000, high: 0x47FF_FFFE_87FF_FFFF)
    /// `query` without `pct-encoded`: `pchar`, `/` and `?`.
    static let query = Set128(low: 0xAFFF_FFD2_0000_0000, high: 0x47FF_FFFE_87FF_FFFF)
    /// A `reg-name` or IPv4 host: unreserved, sub-delims and `%`.
    static let regName = Set128(low: 0x2BFF_7FF2_0000_0000, high: 0x47FF_FFFE_87FF_FFFE)

    /// Whether `a` and `b` hold the same bytes, compared eight at a time.
    static func equal(_ a: UnsafeBufferPointer<UInt8>, _ b: UnsafeBufferPointer<UInt8>) -> Bool {
        guard a.count == b.count else { return false }
        guard let first = a.baseAddress, let second = b.baseAddress else { return true }  // both empty
        let (x, y) = (UnsafeRawPointer(first), UnsafeRawPointer(second))
        var index = 0
        while index + 8 <= a.count {
            guard
                x.loadUnaligned(fromByteOffset: index, as: UInt64.self)
                    == y.loadUnaligned(fromByteOffset: index, as: UInt64.self)
            else { return false }
            index += 8
        }
        while index < a.count {
            guard first[index] == second[index] else { return false }
            index += 1
        }
        return true
    }

    /// The index of the first `byte` in `bytes[from..<to]`, or nil. Eight bytes at a time: a request line
    /// or field line is found in a few steps rather than a step per byte.
    static func firstIndex(of byte: UInt8, in bytes: UnsafeBufferPointer<UInt8>, from: Int, to: Int) -> Int? {
        guard from < to, let base = bytes.baseAddress else { return nil }
        let raw = UnsafeRawPointer(base)
        let pattern = UInt64(byte) &* 0x0101_0101_0101_0101
        var index = from
        #if _endian(little)
            while index + 8 <= to {
                let word = raw.loadUnaligned(fromByteOffset: index, as: UInt64.self) ^ pattern
                // A zero byte of `word` is a match. The lowest flag is exact (a borrow can only flag a byte
                // above a true zero), and the lowest byte is the first in memory.
                let found = (word &- 0x0101_0101_0101_0101) & ~word & 0x8080_8080_8080_8080
                if found != 0 { return index + found.trailingZeroBitCount / 8 }
                index += 8
            }
        #endif
        while index < to {
            if base[index] == byte { return index }
            index += 1
        }
        return nil
    }

    /// The index of the first CR or LF in `bytes[from...]`, or nil: the end of a head's line, found
    /// eight bytes at a time as `firstIndex(of:in:from:to:)` finds one byte.
    static func firstLineBreak(in bytes: UnsafeBufferPointer<UInt8>, from: Int) -> Int? {
        guard from < bytes.count, let base = bytes.baseAddress else { return nil }
        let raw = UnsafeRawPointer(base)
        let (ones, highs) = (UInt64(0x0101_0101_0101_0101), UInt64(0x8080_8080_8080_8080))
        var index = from
        #if _endian(little)
            while index + 8 <= bytes.count {
                let word = raw.loadUnaligned(fromByteOffset: index, as: UInt64.self)
                let (crs, lfs) = (word ^ (UInt64(cr) &* ones), word ^ (UInt64(lf) &* ones))
                // Each term flags its zero bytes exactly from the lowest one up, so the lowest flag of the
                // two together is the first CR or LF.
                let found = (((crs &- ones) & ~crs) | ((lfs &- ones) & ~lfs)) & highs
                if found != 0 { return index + found.trailingZeroBitCount / 8 }
                index += 8
            }
        #endif
        while index < bytes.count {
            if base[index] == cr || base[index] == lf { return index }
            index += 1
        }
        return nil
    }

    /// `field-vchar / SP / HTAB` of RFC 9110 §5.5: VCHAR and obs-text. Rejects CTLs, DEL and NUL.
    static func isFieldValueChar(_ byte: UInt8) -> Bool {
        byte == tab || (byte >= 0x20 && byte != 0x7F)
    }

    /// Whether every byte may be in a field value (`isFieldValueChar`) and all are ASCII; nil when one may
    /// not. Eight bytes at a time while they are printable ASCII, the usual case; a byte by byte from the
    /// first word that holds anything else (a tab, obs-text or a byte to refuse).
    static func fieldValueIsASCII(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool? {
        var index = 0
        if let base = bytes.baseAddress {
            let raw = UnsafeRawPointer(base)
            let (ones, highs) = (UInt64(0x0101_0101_0101_0101), UInt64(0x8080_8080_8080_8080))
            while index + 8 <= bytes.count {
                let word = raw.loadUnaligned(fromByteOffset: index, as: UInt64.self)
                let delete = word ^ (0x7F &* ones)
                // A high bit set: a byte at or above 0x80, below 0x20 or equal to 0x7F (or a borrow from
                // such a byte): any of them sends the word to the byte-by-byte check.
                let flagged = (word | ((word &- 0x20 &* ones) & ~word) | ((delete &- ones) & ~delete)) & highs
                if flagged != 0 { break }
                index += 8
            }
        }
        var ascii = true
        while index < bytes.count {
            let byte = bytes[index]
            guard isFieldValueChar(byte) else { return nil }
            if byte >= 0x80 { ascii = false }
            index += 1
        }
        return ascii
    }

    static func isDigit(_ byte: UInt8) -> Bool { byte >= 0x30 && byte <= 0x39 }

    static func isUnreserved(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
            UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"),
            UInt8(ascii: "~"):
            true
        default:
            false
        }
    }

    static func isSubDelim(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "!"), UInt8(ascii: "$"), UInt8(ascii: "&"), UInt8(ascii: "'"), UInt8(ascii: "("),
            UInt8(ascii: ")"), UInt8(ascii: "*"), UInt8(ascii: "+"), UInt8(ascii: ","), UInt8(ascii: ";"),
            UInt8(ascii: "="):
            true
        default:
            false
        }
    }

    /// `pchar` of RFC 3986 §3.3 without `pct-encoded`, which the caller checks.
    static func isPathChar(_ byte: UInt8) -> Bool { path.contains(byte) }

    /// `query` of RFC 3986 §3.4 without `pct-encoded`.
    static func isQueryChar(_ byte: UInt8) -> Bool { query.contains(byte) }

    static func lowercased(_ byte: UInt8) -> UInt8 {
        (byte >= 0x41 && byte <= 0x5A) ? byte + 0x20 : byte
    }

    /// Optional white space (RFC 9110 §5.6.3): a space or a tab.
    static func isOWS(_ byte: UInt8) -> Bool { byte == space || byte == tab }

    /// Whether two byte strings are equal with ASCII letters compared without case.
    static func equalIgnoringCase(_ a: UnsafeBufferPointer<UInt8>, _ b: UnsafeBufferPointer<UInt8>) -> Bool {
        guard a.count == b.count else { return false }
        for index in a.indices where lowercased(a[index]) != lowercased(b[index]) { return false }
        return true
    }
}

extension UInt8 {
    /// The value of an ASCII hex digit, either case; nil for any other byte (percent-decoding, RFC 3986 §2.1).
    public var hexDigitValue: UInt8? {
        switch self {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): self - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): self - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): self - UInt8(ascii: "A") + 10
        default: nil
        }
    }
}

/// Bytes of the parser's buffer, borrowed while a line is parsed: slicing them retains nothing, where every
/// slice of an `ArraySlice` retains the array's storage.
typealias ByteSlice = Slice<UnsafeBufferPointer<UInt8>>

extension Slice where Base == UnsafeBufferPointer<UInt8> {
    /// Without the optional white space (spaces and tabs) around it (RFC 9110 §5.6.3).
    public func trimmingOWS() -> Self {
        guard let first = firstIndex(where: { !ByteClass.isOWS($0) }),
            let last = lastIndex(where: { !ByteClass.isOWS($0) })
        else { return self[endIndex...] }
        return self[first...last]
    }

    /// Whether these bytes spell `text`, ASCII letters compared without case.
    public func equalsIgnoringASCIICase(_ text: StaticString) -> Bool {
        text.withUTF8Buffer { ByteClass.equalIgnoringCase(UnsafeBufferPointer(rebasing: self), $0) }
    }

}
