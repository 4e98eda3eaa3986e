extension [UInt8] {
    /// Appends a non-negative integer in decimal. For heads and log lines alike.
    public mutating func appendDecimal(_ value: Int) {
        let count = DecimalDigits.count(value)
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: count) { digits in
            guard let start = digits.baseAddress else { return }
            DecimalDigits.write(value, count: count, to: start)
            append(contentsOf: UnsafeBufferPointer(digits))
        }
    }
}

/// A non-negative integer's decimal digits: how many, then written from the last (division by a constant
/// compiles to a multiplication), so a caller can size its storage before writing.
public enum DecimalDigits {
    public static func count(_ value: Int) -> Int {
        precondition(value >= 0, "a negative length, status or count")
        var (count, remaining) = (1, value)
        while remaining >= 10 {
            remaining /= 10
            count += 1
        }
        return count
    }

    /// Writes `value`'s `count` digits (`count(value)`) at `start`.
    public static func write(_ value: Int, count: Int, to start: UnsafeMutablePointer<UInt8>) {
        var remaining = value
        for index in stride(from: count - 1, through: 0, by: -1) {
            start[index] = UInt8(ascii: "0") + UInt8(truncatingIfNeeded: remaining % 10)
            remaining /= 10
        }
    }
}
