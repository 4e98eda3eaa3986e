import Synchronization

/// `X-Request-Id`: echoed when the client's is sane, generated otherwise.
enum RequestID {
    /// 1–128 characters of letters, digits and `-_.:`; anything else is replaced, never echoed.
    static func sanitized(_ value: String?) -> String? {
        guard let value, (1...128).contains(value.utf8.count),
            value.utf8.allSatisfy({ byte in
                (byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A)
                    || byte == UInt8(ascii: "-") || byte == UInt8(ascii: "_") || byte == UInt8(ascii: ".")
                    || byte == UInt8(ascii: ":")
            })
        else { return nil }
        return value
    }

    /// 15 hexadecimal digits: 6 drawn at random once per process, then a counter. Unique within the
    /// process and, with high probability, across replicas; no system call, and short enough to be a
    /// Swift small string (no allocation).
    static func generate() -> String {
        let serial = counter.wrappingAdd(1, ordering: .relaxed).newValue & 0xF_FFFF_FFFF
        return hex(prefix, digits: 6) + hex(serial, digits: 9)
    }

    private static let prefix = UInt64.random(in: 0..<(1 << 24))
    private static let counter = Atomic<UInt64>(0)

    private static func hex(_ value: UInt64, digits: Int) -> String {
        let text = String(value, radix: 16)
        return String(repeating: "0", count: max(0, digits - text.count)) + text
    }
}
