import HTTP1

/// Log times in UTC, to the millisecond.
public enum Timestamp {
    /// `2026-11-26T23:41:25.123Z`.
    public static func iso8601(_ seconds: Double) -> String {
        var bytes: [UInt8] = []
        appendISO8601(seconds, to: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }

    /// The same, appended as bytes.
    public static func appendISO8601(_ seconds: Double, to out: inout [UInt8]) {
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: length) { text in
            guard let start = text.baseAddress else { return }
            write(seconds, to: start)
            out.append(contentsOf: UnsafeBufferPointer(text))
        }
    }

    /// Bytes of a timestamp.
    static let length = 24

    /// A timestamp's text up to its second (`2026-11-26T23:41:25.`), kept for the next one in the same
    /// second: the access log writes thousands a second, and the calendar takes most of the work.
    struct Second {
        var whole = Int.min
        var text: (UInt64, UInt64, UInt32) = (0, 0, 0)
    }

    /// Writes the timestamp's `length` bytes at `text` (the access log's hot path: no strings, no arrays),
    /// its first 20 from `second` when that is its second, else into `second` too.
    static func write(_ seconds: Double, to text: UnsafeMutablePointer<UInt8>, second: inout Second) {
        let prefix = MemoryLayout.size(ofValue: second.text)  // 20: up to the dot
        let whole = Int(seconds.rounded(.down))
        guard whole == second.whole else {
            write(seconds, to: text)
            second.whole = whole
            withUnsafeMutableBytes(of: &second.text) {
                $0.copyMemory(from: UnsafeRawBufferPointer(start: text, count: prefix))
            }
            return
        }
        withUnsafeBytes(of: second.text) {
            UnsafeMutableRawBufferPointer(start: text, count: prefix).copyMemory(from: $0)
        }
        let millis = Int(((seconds - Double(whole)) * 1000).rounded(.down))
        text[prefix] = UInt8(ascii: "0") + UInt8(millis / 100)
        text[prefix + 1] = UInt8(ascii: "0") + UInt8(millis / 10 % 10)
        text[prefix + 2] = UInt8(ascii: "0") + UInt8(millis % 10)
        text[prefix + 3] = UInt8(ascii: "Z")
    }

    /// Writes the timestamp's `length` bytes at `text`.
    static func write(_ seconds: Double, to text: UnsafeMutablePointer<UInt8>) {
        let whole = Int(seconds.rounded(.down))
        let millis = Int(((seconds - Double(whole)) * 1000).rounded(.down))
        let secondOfDay = whole % 86_400
        let (year, month, day) = HTTPDate.civilDate(daysSince1970: whole / 86_400)
        /// The last `width` decimal digits of `value` from `start`, then `separator`.
        func put(_ value: Int, width: Int, at start: Int, then separator: Unicode.Scalar) {
            var rest = value
            for index in (start..<(start + width)).reversed() {
                text[index] = UInt8(ascii: "0") + UInt8(rest % 10)
                rest /= 10
            }
            text[start + width] = UInt8(ascii: separator)
        }
        put(year, width: 4, at: 0, then: "-")
        put(month, width: 2, at: 5, then: "-")
        put(day, width: 2, at: 8, then: "T")
        put(secondOfDay / 3600, width: 2, at: 11, then: ":")
        put(secondOfDay / 60 % 60, width: 2, at: 14, then: ":")
        put(secondOfDay % 60, width: 2, at: 17, then: ".")
        put(millis, width: 3, at: 20, then: "Z")
    }
}
