import HTTP1
import JSON
import Threading

/// The access log: one JSON line per request (time, level, event, client, method, path, query, status,
/// bytes, duration, request and trace ids, user agent). Each event loop appends its lines to a buffer of
/// its own, encoded straight to bytes, and hands the buffer to the log writer when it holds
/// `batchBytes` or at the loop's next tick (about 100 ms), whichever comes first: no lock and no hand-off
/// per request, and a loop's lines stay in order.
public final class AccessLog: AccessLogger, Sendable {
    public static let batchBytes = 32 * 1024

    private final class Buffer: @unchecked Sendable {  // confined to its loop by LoopConfined
        var bytes: [UInt8] = []
        var lines = 0
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
        AccessLine.append(record, to: &buffer.bytes)
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
        out.append(contentsOf: #"{"bytes":"#.utf8)
        out.appendDecimal(record.bytes)
        out.append(contentsOf: #","client":"#.utf8)
        JSONValue.writeString(record.client, to: &out)
        out.append(contentsOf: #","duration_ms":"#.utf8)
        appendMilliseconds(microseconds: microseconds(record.duration), to: &out)
        out.append(contentsOf: #","event":"request","level":"info","method":"#.utf8)
        JSONValue.writeString(record.method, to: &out)
        out.append(contentsOf: #","path":"#.utf8)
        JSONValue.writeString(record.path, to: &out)
        if let query = record.query {
            out.append(contentsOf: #","query":"#.utf8)
            JSONValue.writeString(query, to: &out)
        }
        if let id = record.requestID {
            out.append(contentsOf: #","request_id":"#.utf8)
            JSONValue.writeString(id, to: &out)
        }
        out.append(contentsOf: #","status":"#.utf8)
        out.appendDecimal(record.status)
        out.append(contentsOf: #","time":""#.utf8)
        Timestamp.appendISO8601(record.time, to: &out)
        out.append(UInt8(ascii: "\""))
        if let id = record.traceID {
            out.append(contentsOf: #","trace_id":"#.utf8)
            JSONValue.writeString(id, to: &out)
        }
        if let agent = record.userAgent {
            out.append(contentsOf: #","user_agent":"#.utf8)
            JSONValue.writeString(agent.prefix(512), to: &out)
        }
        out.append(contentsOf: "}\n".utf8)
    }

    /// A duration in whole microseconds. Durations come from a monotonic clock; one that is not finite,
    /// negative or over a million seconds (a bug elsewhere) is written as 0 or capped, never a trap.
    static func microseconds(_ seconds: Double) -> Int {
        guard seconds.isFinite, seconds > 0 else { return 0 }
        return Int((min(seconds, 1_000_000) * 1_000_000).rounded())
    }

    /// `microseconds` (never negative: see `microseconds(_:)`) as milliseconds, as `JSONValue.format`
    /// writes the same number (whole: `12`; otherwise the shortest decimals: `0.123`, `2.5`), without
    /// going through a Double's description.
    static func appendMilliseconds(microseconds: Int, to out: inout [UInt8]) {
        out.appendDecimal(microseconds / 1000)
        var fraction = microseconds % 1000
        guard fraction > 0 else { return }
        out.append(UInt8(ascii: "."))
        var divisor = 100
        while fraction > 0 {
            out.append(UInt8(ascii: "0") + UInt8(fraction / divisor))
            fraction %= divisor
            divisor /= 10
        }
    }
}
