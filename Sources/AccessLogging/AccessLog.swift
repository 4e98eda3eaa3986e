import HTTP1
import Threading

/// The access log: one JSON line per request (time, level, event, client, method, path, query, status,
/// bytes, duration, request and trace ids, user agent). Each event loop appends its lines to a buffer of
/// its own, encoded straight to bytes, and hands the buffer to the log writer when it holds
/// `batchBytes` or at the loop's next tick (about 100 ms), whichever comes first: no lock and no hand-off
/// per request, and a loop's lines stay in order.
public final class AccessLog: AccessLogger, Sendable {
    public static let batchBytes = 32 * 1024

    /// Confined to its loop by LoopConfined, and touched only by `log` and `handOver`, which call nothing
    /// that reaches it again: no two accesses can overlap, so the run-time exclusivity check (three pairs
    /// of calls a line, 200 instructions) is left out.
    private final class Buffer: @unchecked Sendable {
        @exclusivity(unchecked) var bytes: [UInt8] = []
        @exclusivity(unchecked) var lines = 0
        @exclusivity(unchecked) var second = Timestamp.Second()
    }

    private let buffers: LoopConfined<Buffer>
    private let writer: LogWriter

    public init(loops: Int, writer: LogWriter) {
        buffers = LoopConfined(loops: loops) { _ in Buffer() }
        self.writer = writer
    }

    public func log(_ record: AccessRecord, loop: Int) {
        let buffer = buffers.on(loop: loop)
        if buffer.bytes.capacity < Self.batchBytes { buffer.bytes.reserveCapacity(Self.batchBytes + 2048) }
        AccessLine.append(record, to: &buffer.bytes, second: &buffer.second)
        buffer.lines += 1
        if buffer.bytes.count >= Self.batchBytes { handOver(buffer) }
    }

    public func tick(loop: Int) { handOver(buffers.on(loop: loop)) }

    /// Hands over every loop's buffer: call it on each loop's own thread, or once the loops have stopped.
    public func flushAll() { buffers.all.forEach(handOver) }

    private func handOver(_ buffer: Buffer) {
        guard buffer.lines > 0 else { return }
        writer.submit(buffer.bytes, lines: buffer.lines)
        buffer.bytes.removeAll(keepingCapacity: true)  // the same storage again, unless the writer queued it
        buffer.lines = 0
    }
}

/// One access log line as bytes, with the keys in the order the JSON encoder sorts them and its string
/// escaping, so the line is the one `JSONValue.object(…).encoded()` would give (a test holds them equal).
public enum AccessLine {
    public static func append(_ record: AccessRecord, to out: inout [UInt8]) {
        var second = Timestamp.Second()
        append(record, to: &out, second: &second)
    }

    /// `second` holds the time's text up to its second, for the next line in the same second.
    static func append(_ record: AccessRecord, to out: inout [UInt8], second: inout Timestamp.Second) {
        let agent = record.userAgent?.prefix(512)
        var stringBytes = record.client.utf8.count + record.method.utf8.count + record.path.utf8.count
        stringBytes += (record.query?.utf8.count ?? 0) + (record.requestID?.utf8.count ?? 0)
        stringBytes += (record.traceID?.utf8.count ?? 0) + (agent?.utf8.count ?? 0)
        // A string's byte becomes at most six (`\u00XX`); keys, numbers and the time take under 260.
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 320 + 6 * stringBytes) { storage in
            guard let start = storage.baseAddress else { return }
            var line = LineWriter(start)
            line.write(#"{"bytes":"#)
            line.writeDecimal(record.bytes)
            line.write(#","client":"#)
            line.writeString(record.client)
            line.write(#","duration_ms":"#)
            line.writeMilliseconds(microseconds: microseconds(record.duration))
            line.write(#","event":"request","level":"info","method":"#)
            line.writeString(record.method)
            line.write(#","path":"#)
            line.writeString(record.path)
            if let query = record.query {
                line.write(#","query":"#)
                line.writeString(query)
            }
            if let id = record.requestID {
                line.write(#","request_id":"#)
                line.writeString(id)
            }
            line.write(#","status":"#)
            line.writeDecimal(record.status)
            line.write(#","time":""#)
            line.writeTimestamp(record.time, second: &second)
            line.write(#"""#)
            if let id = record.traceID {
                line.write(#","trace_id":"#)
                line.writeString(id)
            }
            if let agent {
                line.write(#","user_agent":"#)
                line.writeString(agent)
            }
            line.write("}\n")
            out.append(contentsOf: UnsafeBufferPointer(start: start, count: line.cursor - start))
        }
    }

    /// A duration in whole microseconds. Durations come from a monotonic clock; one that is not finite,
    /// negative or over a million seconds (a bug elsewhere) is written as 0 or capped, never a trap.
    static func microseconds(_ seconds: Double) -> Int {
        guard seconds.isFinite, seconds > 0 else { return 0 }
        return Int((min(seconds, 1_000_000) * 1_000_000).rounded())
    }

    /// Writes a line into memory sized for it beforehand: each part is copied to a pointer, where an
    /// array's append checks its capacity and uniqueness every time, and a literal's goes through a
    /// string's UTF-8 view (a line took ~4,500 instructions that way, and ~1,000 this way).
    struct LineWriter {
        private(set) var cursor: UnsafeMutablePointer<UInt8>

        init(_ start: UnsafeMutablePointer<UInt8>) { cursor = start }

        mutating func write(_ text: StaticString) {
            cursor.initialize(from: text.utf8Start, count: text.utf8CodeUnitCount)
            cursor += text.utf8CodeUnitCount
        }

        mutating func writeDecimal(_ value: Int) {
            let count = DecimalDigits.count(value)
            DecimalDigits.write(value, count: count, to: cursor)
            cursor += count
        }

        /// `microseconds` (never negative: see `microseconds(_:)`) as milliseconds, as `JSONValue.format`
        /// writes the same number (whole: `12`; otherwise the shortest decimals: `0.123`, `2.5`), without
        /// going through a Double's description.
        mutating func writeMilliseconds(microseconds: Int) {
            writeDecimal(microseconds / 1000)
            var fraction = microseconds % 1000
            guard fraction > 0 else { return }
            put(UInt8(ascii: "."))
            var divisor = 100
            while fraction > 0 {
                put(UInt8(ascii: "0") + UInt8(fraction / divisor))
                fraction %= divisor
                divisor /= 10
            }
        }

        mutating func writeTimestamp(_ seconds: Double, second: inout Timestamp.Second) {
            Timestamp.write(seconds, to: cursor, second: &second)
            cursor += Timestamp.length
        }

        /// Through the UTF-8 view's contiguous storage, which a native string has (`withUTF8` would need
        /// a mutable copy: a retain and a release). Concrete for String and Substring: one generic over
        /// StringProtocol cost ~200 instructions a line more.
        mutating func writeString(_ text: String) {
            if text.utf8.withContiguousStorageIfAvailable({ writeEscaped($0) }) == nil {
                var text = text
                text.withUTF8 { writeEscaped($0) }
            }
        }

        mutating func writeString(_ text: Substring) {
            if text.utf8.withContiguousStorageIfAvailable({ writeEscaped($0) }) == nil {
                var text = text
                text.withUTF8 { writeEscaped($0) }
            }
        }

        /// A JSON string, escaped as `JSONValue.writeString` escapes it. Eight bytes at a time while none
        /// of them needs escaping (almost every path, id and address), else byte by byte. The last few
        /// bytes of a string of eight or more go as the word that ends it, when the word before went out
        /// as it came: the bytes the two share are written again, the same.
        private mutating func writeEscaped(_ bytes: UnsafeBufferPointer<UInt8>) {
            put(UInt8(ascii: "\""))
            guard let start = bytes.baseAddress else { return put(UInt8(ascii: "\"")) }
            func word(at index: Int) -> UInt64 { UnsafeRawPointer(start + index).loadUnaligned(as: UInt64.self) }
            var index = 0
            var lastWordAsIs = false
            while index + 8 <= bytes.count {
                let word = word(at: index)
                lastWordAsIs = !Self.needsEscaping(word)
                if lastWordAsIs {
                    UnsafeMutableRawPointer(cursor).storeBytes(of: word, as: UInt64.self)
                    cursor += 8
                } else {
                    for byte in bytes[index..<(index + 8)] { putEscaped(byte) }
                }
                index += 8
            }
            let rest = bytes.count - index
            if rest > 0, lastWordAsIs, case let last = word(at: bytes.count - 8), !Self.needsEscaping(last) {
                UnsafeMutableRawPointer(cursor - (8 - rest)).storeBytes(of: last, as: UInt64.self)
                cursor += rest
            } else {
                for byte in bytes[index...] { putEscaped(byte) }
            }
            put(UInt8(ascii: "\""))
        }

        /// Whether any of the eight bytes is one `putEscaped` escapes: below 0x20, 0x7F, `"` or `\`. Each
        /// test is exact for "some byte is": `(x - 0x01…) & ~x & 0x80…` is nonzero just when a byte of `x` is
        /// zero (below `n` with `n` in place of 0x01, for n ≤ 0x80), and `x ^ c…` zeroes the bytes equal to `c`.
        @inline(__always)
        static func needsEscaping(_ word: UInt64) -> Bool {
            let ones: UInt64 = 0x0101_0101_0101_0101
            let highs: UInt64 = 0x8080_8080_8080_8080
            func hasZero(_ x: UInt64) -> Bool { (x &- ones) & ~x & highs != 0 }
            let control = (word &- ones &* 0x20) & ~word & highs != 0
            return control || hasZero(word ^ (ones &* 0x22)) || hasZero(word ^ (ones &* 0x5C))
                || hasZero(word ^ (ones &* 0x7F))
        }

        private mutating func putEscaped(_ byte: UInt8) {
            guard byte < 0x20 || byte == 0x7F || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") else {
                return put(byte)
            }
            switch byte {
            case UInt8(ascii: "\""): write(#"\""#)
            case UInt8(ascii: "\\"): write(#"\\"#)
            case 0x0A: write(#"\n"#)
            case 0x0D: write(#"\r"#)
            case 0x09: write(#"\t"#)
            default:
                let hex: StaticString = "0123456789abcdef"
                write(#"\u00"#)
                put(hex.utf8Start[Int(byte >> 4)])
                put(hex.utf8Start[Int(byte & 0x0F)])
            }
        }

        private mutating func put(_ byte: UInt8) {
            cursor.initialize(to: byte)
            cursor += 1
        }
    }
}
