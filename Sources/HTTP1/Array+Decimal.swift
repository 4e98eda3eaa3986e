extension [UInt8] {
    /// Appends a non-negative integer in decimal: digits found from the last, by constant division
    /// (which compiles to a multiplication), then copied in order. For heads and log lines alike.
    public mutating func appendDecimal(_ value: Int) {
        precondition(value >= 0, "a negative length, status or count")
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 20) { digits in
            var remaining = value
            var start = digits.count
            repeat {
                start -= 1
                digits[start] = UInt8(ascii: "0") + UInt8(truncatingIfNeeded: remaining % 10)
                remaining /= 10
            } while remaining > 0
            append(contentsOf: UnsafeBufferPointer(rebasing: digits[start...]))
        }
    }
}
