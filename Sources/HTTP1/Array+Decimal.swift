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
        var (count, remaining) = (1, UInt(value))
        while remaining >= 10 {
            remaining /= 10
            count += 1
        }
        return count
    }

    /// Writes `value`'s `count` digits (`count(value)`) at `start`.
    /// Unsigned, from the last digit back: a division by ten is then a multiplication and a shift,
    /// with no fix-up for a sign and no stride to step through.
    public static func write(_ value: Int, count: Int, to start: UnsafeMutablePointer<UInt8>) {
        var remaining = UInt(value)
        var cursor = start + count
        while cursor > start {
            cursor -= 1
            let (quotient, digit) = remaining.quotientAndRemainder(dividingBy: 10)
            cursor.pointee = UInt8(ascii: "0") &+ UInt8(truncatingIfNeeded: digit)
            remaining = quotient
        }
    }
}
