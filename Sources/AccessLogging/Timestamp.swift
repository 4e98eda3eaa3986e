import HTTP1

/// Log times in UTC, to the millisecond.
public enum Timestamp {
    /// `2026-11-26T23:41:25.123Z`.
    public static func iso8601(_ seconds: Double) -> String {
        var bytes: [UInt8] = []
        appendISO8601(seconds, to: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }

    /// The same, appended as bytes (the access log's hot path: no strings).
    public static func appendISO8601(_ seconds: Double, to out: inout [UInt8]) {
        let whole = Int(seconds.rounded(.down))
        let millis = Int(((seconds - Double(whole)) * 1000).rounded(.down))
        let secondOfDay = whole % 86_400
        let (year, month, day) = HTTPDate.civilDate(daysSince1970: whole / 86_400)
        let fields: [(Int, Int, UInt8)] = [
            (year, 4, UInt8(ascii: "-")), (month, 2, UInt8(ascii: "-")), (day, 2, UInt8(ascii: "T")),
            (secondOfDay / 3600, 2, UInt8(ascii: ":")), (secondOfDay / 60 % 60, 2, UInt8(ascii: ":")),
            (secondOfDay % 60, 2, UInt8(ascii: ".")), (millis, 3, UInt8(ascii: "Z")),
        ]
        for (value, width, separator) in fields {
            var divisor = 1
            for _ in 1..<width { divisor *= 10 }
            while divisor > 0 {
                out.append(UInt8(ascii: "0") + UInt8(value / divisor % 10))
                divisor /= 10
            }
            out.append(separator)
        }
    }
}
