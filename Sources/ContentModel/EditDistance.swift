/// Damerau–Levenshtein (optimal string alignment) distance over Unicode scalars, with an early exit.
public enum EditDistance {
    /// The distance when it is at most `limit`; `limit + 1` for anything more.
    public static func between(_ a: String, _ b: String, limit: Int) -> Int {
        between(a.unicodeScalars.map(\.value), b.unicodeScalars.map(\.value), limit: limit)
    }

    /// The same over scalar values computed once (search compares one query with many names).
    ///
    /// Only the band of cells within `limit` of the diagonal is computed: a cell further off stands for
    /// more than `limit` edits whatever follows, so it is taken as `limit + 1`, and so is every value
    /// above the limit. The three rows live on the stack: search computes many of these per query.
    public static func between(_ a: [UInt32], _ b: [UInt32], limit: Int) -> Int {
        let over = limit + 1
        if abs(a.count - b.count) > limit { return over }
        if a.isEmpty || b.isEmpty { return max(a.count, b.count) }
        let width = b.count + 1
        return withUnsafeTemporaryAllocation(of: Int.self, capacity: 3 * width) { rows in
            rows.initialize(repeating: over)
            var previous2 = UnsafeMutableBufferPointer(rebasing: rows[0..<width])
            var previous = UnsafeMutableBufferPointer(rebasing: rows[width..<(2 * width)])
            var current = UnsafeMutableBufferPointer(rebasing: rows[(2 * width)...])
            for j in 0...min(b.count, limit) { previous[j] = j }
            for i in 1...a.count {
                let low = max(1, i - limit)
                let high = min(b.count, i + limit)
                // The cells either side of the band are read by this row and the next: column 0 is
                // `i`; any other is over the limit (the rows are reused, so they are set each time).
                current[low - 1] = low == 1 ? min(i, over) : over
                if high < b.count { current[high + 1] = over }
                var rowMinimum = current[low - 1]
                for j in low...high {
                    let cost = a[i - 1] == b[j - 1] ? 0 : 1
                    var value = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
                    if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] {
                        value = min(value, previous2[j - 2] + 1)
                    }
                    current[j] = min(value, over)
                    rowMinimum = min(rowMinimum, current[j])
                }
                if rowMinimum > limit { return over }
                (previous2, previous, current) = (previous, current, previous2)
            }
            return previous[b.count]
        }
    }
}
