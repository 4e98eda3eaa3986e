/// Character classes of the HTTP and URI grammars, as byte predicates.
enum ByteClass {
    static let cr: UInt8 = 0x0D
    static let lf: UInt8 = 0x0A
    static let space: UInt8 = 0x20
    static let tab: UInt8 = 0x09
    static let colon: UInt8 = 0x3A

    /// `tchar` of RFC 9110 §5.6.2.
    static func isTokenChar(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
            UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "!"), UInt8(ascii: "#"), UInt8(ascii: "$"),
            UInt8(ascii: "%"), UInt8(ascii: "&"), UInt8(ascii: "'"), UInt8(ascii: "*"), UInt8(ascii: "+"),
            UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "^"), UInt8(ascii: "_"), UInt8(ascii: "`"),
            UInt8(ascii: "|"), UInt8(ascii: "~"):
            true
        default:
            false
        }
    }

    /// `field-vchar / SP / HTAB` of RFC 9110 §5.5: VCHAR and obs-text. Rejects CTLs, DEL and NUL.
    static func isFieldValueChar(_ byte: UInt8) -> Bool {
        byte == tab || (byte >= 0x20 && byte != 0x7F)
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
    static func isPathChar(_ byte: UInt8) -> Bool {
        isUnreserved(byte) || isSubDelim(byte) || byte == colon || byte == UInt8(ascii: "@")
    }

    /// `query` of RFC 3986 §3.4 without `pct-encoded`.
    static func isQueryChar(_ byte: UInt8) -> Bool {
        isPathChar(byte) || byte == UInt8(ascii: "/") || byte == UInt8(ascii: "?")
    }

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
    public func equalsIgnoringASCIICase(_ text: String) -> Bool {
        var text = text
        return text.withUTF8 { ByteClass.equalIgnoringCase(UnsafeBufferPointer(rebasing: self), $0) }
    }
}
