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

    /// One side of many comparisons (search compares a query with every candidate name), prepared for
    /// Hyyrö's bit-parallel algorithm ("A bit-vector algorithm for computing Levenshtein and Damerau edit
    /// distances", 2003): the same distance as `between`, one column of the table per step as a few
    /// operations on 64-bit words, where the band takes up to 2 × limit + 1 cells a step. Bit i of a mask
    /// stands for the pattern's scalar i, so a pattern holds at most 64 scalars.
    public struct Pattern: Sendable {
        public static let maxCount = 64
        let count: Int
        /// For each ASCII scalar, where it occurs in the pattern; others are listed, being few.
        private let ascii: [UInt64]
        private let others: [(scalar: UInt32, mask: UInt64)]

        /// Nil for more than `maxCount` scalars.
        public init?(_ scalars: [UInt32]) {
            guard scalars.count <= Self.maxCount else { return nil }
            var ascii = [UInt64](repeating: 0, count: 128)
            var others: [(scalar: UInt32, mask: UInt64)] = []
            for (position, scalar) in scalars.enumerated() {
                let bit: UInt64 = 1 << position
                if scalar < 128 {
                    ascii[Int(scalar)] |= bit
                } else if let index = others.firstIndex(where: { $0.scalar == scalar }) {
                    others[index].mask |= bit
                } else {
                    others.append((scalar, bit))
                }
            }
            count = scalars.count
            self.ascii = ascii
            self.others = others
        }

        private func mask(_ scalar: UInt32) -> UInt64 {
            if scalar < 128 { return ascii[Int(scalar)] }
            return others.first { $0.scalar == scalar }?.mask ?? 0
        }

        /// `between(pattern, text, limit:)`: the distance when it is at most `limit`, else `limit + 1`.
        ///
        /// A column's differences between neighbouring cells are each +1, 0 or −1, so two bit vectors hold
        /// them: `verticalPlus` and `verticalMinus` (each cell against the one above it), `horizontalPlus`
        /// and `horizontalMinus` (against the same row of the column before); `distance` follows the
        /// column's last cell. `diagonalZero` marks the cells equal to their upper-left neighbour, which a
        /// transposition also needs of the step before (with `previous`, where the text's scalar before
        /// this one occurs in the pattern).
        public func distance(to text: [UInt32], limit: Int) -> Int {
            let over = limit + 1
            if abs(count - text.count) > limit { return over }
            if count == 0 || text.isEmpty { return max(count, text.count) }
            let last: UInt64 = 1 << (count - 1)
            var (verticalPlus, verticalMinus): (UInt64, UInt64) = (~0, 0)
            var (diagonalZero, previous): (UInt64, UInt64) = (0, 0)
            var distance = count
            for scalar in text {
                let match = mask(scalar)
                let transposition = ((~diagonalZero & match) << 1) & previous
                diagonalZero = (((match & verticalPlus) &+ verticalPlus) ^ verticalPlus) | match | verticalMinus
                diagonalZero |= transposition
                var horizontalPlus = verticalMinus | ~(diagonalZero | verticalPlus)
                var horizontalMinus = diagonalZero & verticalPlus
                if horizontalPlus & last != 0 {
                    distance += 1
                } else if horizontalMinus & last != 0 {
                    distance -= 1
                }
                horizontalPlus = (horizontalPlus << 1) | 1
                horizontalMinus <<= 1
                verticalPlus = horizontalMinus | ~(diagonalZero | horizontalPlus)
                verticalMinus = horizontalPlus & diagonalZero
                previous = match
            }
            return min(distance, over)
        }
    }
}
