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
        let value = prefix << 36 | serial
        return String(unsafeUninitializedCapacity: 15) { digits in
            for index in 0..<15 {
                let nibble = UInt8(truncatingIfNeeded: value >> (4 * (14 - index))) & 0xF
                digits[index] = nibble < 10 ? UInt8(ascii: "0") + nibble : UInt8(ascii: "a") + nibble - 10
            }
            return 15
        }
    }

    /// The trace id of a W3C `traceparent` (`00-<32 hex>-<16 hex>-<2 hex>`, Trace Context §3.2), logged
    /// so that a request can be found by the trace a proxy or client started; nil when absent or invalid
    /// (wrong shape, upper-case hex, version ff, or an all-zero id).
    static func traceID(traceparent value: String?) -> String? {
        guard let value else { return nil }
        let bytes = Array(value.utf8)
        guard bytes.count >= 55, bytes[2] == UInt8(ascii: "-"), bytes[35] == UInt8(ascii: "-"),
            bytes[52] == UInt8(ascii: "-"),
            bytes.count == 55 || (bytes[0...1] != [0x30, 0x30] && bytes[55] == UInt8(ascii: "-"))
        else { return nil }
        let isLowerHex = { (byte: UInt8) in (byte >= 0x30 && byte <= 0x39) || (byte >= 0x61 && byte <= 0x66) }
        let version = bytes[0...1], traceID = bytes[3..<35], parentID = bytes[36..<52], flags = bytes[53...54]
        guard [version, traceID, parentID, flags].allSatisfy({ $0.allSatisfy(isLowerHex) }),
            !version.elementsEqual("ff".utf8), traceID.contains(where: { $0 != 0x30 }),
            parentID.contains(where: { $0 != 0x30 })
        else { return nil }
        return String(decoding: traceID, as: UTF8.self)
    }

    private static let prefix = UInt64.random(in: 0..<(1 << 24))
    private static let counter = Atomic<UInt64>(0)
}
