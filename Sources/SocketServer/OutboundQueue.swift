/// Response bytes waiting to be sent, as shared chunks (a precomputed body is never copied).
struct OutboundQueue {
    private(set) var chunks: [[UInt8]] = []
    private var head = 0
    private var offset = 0
    private(set) var byteCount = 0

    var isEmpty: Bool { byteCount == 0 }

    mutating func append(_ chunk: [UInt8]) {
        guard !chunk.isEmpty else { return }
        chunks.append(chunk)
        byteCount += chunk.count
    }

    /// Calls `body` with the chunks not yet sent, in place (a slice of the list would be a copy of it to
    /// retain and release on every send), and how many bytes of the first are sent.
    func withPending<Result>(_ body: (UnsafeBufferPointer<[UInt8]>, Int) -> Result) -> Result {
        chunks.withUnsafeBufferPointer { all in body(UnsafeBufferPointer(rebasing: all[head...]), offset) }
    }

    /// Drops `count` sent bytes from the front.
    mutating func consume(_ count: Int) {
        var left = count
        byteCount -= count
        while left > 0 {
            let available = chunks[head].count - offset
            if left >= available {
                left -= available
                head += 1
                offset = 0
            } else {
                offset += left
                left = 0
            }
        }
        if head == chunks.count {
            // One by one: removeAll(keepingCapacity:) goes through the general replaceSubrange, several
            // hundred instructions for the usual two chunks (a head and a body).
            while !chunks.isEmpty { chunks.removeLast() }
            head = 0
        }
    }
}
