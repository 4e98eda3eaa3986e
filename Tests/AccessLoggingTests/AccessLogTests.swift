import CWriteNoWait
import Foundation
import JSON
import Testing
import Threading

@testable import AccessLogging

@Suite("The access log: lines as bytes, per-loop buffers, a bounded writer")
struct AccessLogTests {
    static func record(
        path: String = "/v1/agents", query: String? = nil, requestID: String? = "abc", traceID: String? = nil,
        userAgent: String? = "curl/8", client: String = "127.0.0.1", duration: Double = 0.000_123_4
    ) -> AccessRecord {
        AccessRecord(
            time: 1_795_824_000.25, requestID: requestID, traceID: traceID, client: client, method: "GET",
            path: path, query: query, status: 200, bytes: 1234, duration: duration, userAgent: userAgent)
    }

    /// The line as the JSON encoder writes it: the oracle the byte encoder must equal.
    static func encoded(_ record: AccessRecord) -> [UInt8] {
        var fields: [(String, JSONValue)] = [
            ("time", .string(Timestamp.iso8601(record.time))), ("level", .string("info")),
            ("event", .string("request")), ("client", .string(record.client)), ("method", .string(record.method)),
            ("path", .string(record.path)), ("status", .number(Double(record.status))),
            ("bytes", .number(Double(record.bytes))),
            ("duration_ms", .number((record.duration * 1_000_000).rounded() / 1000)),
        ]
        if let id = record.requestID { fields.append(("request_id", .string(id))) }
        if let id = record.traceID { fields.append(("trace_id", .string(id))) }
        if let query = record.query { fields.append(("query", .string(query))) }
        if let agent = record.userAgent { fields.append(("user_agent", .string(String(agent.prefix(512))))) }
        // The log's keys are sorted, so that every line of a record has the same shape.
        return JSONValue.object(fields.sorted { $0.0 < $1.0 }).encoded() + [UInt8(ascii: "\n")]
    }

    @Test(
        "a line is byte for byte what the JSON encoder gives",
        arguments: [
            record(), record(query: "q=a%20b&x=\"y\"", requestID: nil, userAgent: nil),
            record(path: "/v1/agents/δ\u{01}\\", traceID: "4bf92f3577b34da6a3ce929d0e0e4736", duration: 2.5),
            record(userAgent: String(repeating: "Mozilla/5.0 ", count: 60), client: "::1", duration: 0),
            // Every byte escaped to six: the line's storage is sized for the worst case.
            record(
                path: String(repeating: "\u{01}", count: 300), query: String(repeating: "\"", count: 300),
                userAgent: String(repeating: "\u{7F}", count: 700)),
        ])
    func lineEqualsEncoder(_ record: AccessRecord) throws {
        var line: [UInt8] = []
        AccessLine.append(record, to: &line)
        #expect(String(decoding: line, as: UTF8.self) == String(decoding: Self.encoded(record), as: UTF8.self))
        #expect(try JSONSerialization.jsonObject(with: Data(line.dropLast())) is [String: Any])
    }

    @Test("strings of every length around the eight-byte step, escapes anywhere in them, equal the encoder's")
    func randomStringsEqualEncoder() throws {
        // Every ASCII byte, the ones escaped most often, and characters of two to four UTF-8 bytes.
        let pool =
            (0..<128).map { Character(Unicode.Scalar(UInt8($0))) } + ["\"", "\\", "\u{7F}", "é", "😀", "\u{2028}"]
        var generator = SystemRandomNumberGenerator()
        for round in 0..<2000 {
            let length = round % 40
            let text = String(
                (0..<length).map { _ in
                    // Mostly plain letters, as real paths are, so that whole words go through unescaped too.
                    Int.random(in: 0..<4, using: &generator) == 0
                        ? pool.randomElement(using: &generator)!
                        : Character(Unicode.Scalar(UInt8.random(in: 0x61...0x7A)))
                })
            let record = Self.record(path: text, query: text, userAgent: String(text.reversed()))
            var line: [UInt8] = []
            AccessLine.append(record, to: &line)
            #expect(String(decoding: line, as: UTF8.self) == String(decoding: Self.encoded(record), as: UTF8.self))
        }
    }

    @Test("the eight-byte test finds a byte to escape just where one is")
    func wordTest() {
        let interesting: [UInt8] = [
            0x00, 0x01, 0x1F, 0x20, 0x21, 0x22, 0x23, 0x5B, 0x5C, 0x5D, 0x7E, 0x7F, 0x80, 0xA2, 0xDC, 0xFF,
        ]
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<100_000 {
            let bytes = (0..<8).map { _ in
                Bool.random(using: &generator)
                    ? interesting.randomElement(using: &generator)! : UInt8.random(in: 0...255, using: &generator)
            }
            let word = bytes.withUnsafeBytes { $0.loadUnaligned(as: UInt64.self) }
            let expected = bytes.contains { $0 < 0x20 || $0 == 0x7F || $0 == 0x22 || $0 == 0x5C }
            #expect(AccessLine.LineWriter.needsEscaping(word) == expected, "\(bytes)")
        }
    }

    @Test("a time in the second the last one was in is written from it, and equals the whole computation")
    func timestampsShareTheirSecond() {
        var second = Timestamp.Second()
        let times = [1_795_824_000.25, 1_795_824_000.001, 1_795_824_000.999, 1_795_824_001.0, 0.5, 1_795_824_001.75]
        for time in times {
            let text = [UInt8](unsafeUninitializedCapacity: Timestamp.length) { buffer, count in
                guard let start = buffer.baseAddress else { return }
                Timestamp.write(time, to: start, second: &second)
                count = Timestamp.length
            }
            #expect(String(decoding: text, as: UTF8.self) == Timestamp.iso8601(time), "\(time)")
        }
    }

    @Test("a JSON string escapes quotes, backslashes and control characters, keeps the rest, and reads back whole")
    func stringEscaping() throws {
        let text = "a\"b\\c\n\r\t\u{01}\u{1F}\u{7F} é😀 end"
        var whole: [UInt8] = []
        JSONValue.writeString(text, to: &whole)
        #expect(String(decoding: whole, as: UTF8.self) == #""a\"b\\c\n\r\t\u0001\u001f\u007f é😀 end""#)
        #expect(try JSONSerialization.jsonObject(with: Data(whole), options: .fragmentsAllowed) as? String == text)
        var part: [UInt8] = []
        JSONValue.writeString(text.dropFirst(2).prefix(4), to: &part)
        #expect(String(decoding: part, as: UTF8.self) == #""b\\c\n""#)
    }

    @Test("timestamps are UTC to the millisecond")
    func timestamp() {
        #expect(Timestamp.iso8601(1_795_824_000.25) == "2026-11-28T00:00:00.250Z")
        #expect(Timestamp.iso8601(0) == "1970-01-01T00:00:00.000Z")
        #expect(Timestamp.iso8601(4_102_444_799.5) == "2099-12-31T23:59:59.500Z")
        // Against Foundation's formatter, over a spread of instants from 1970 to 2100.
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        formatter.timeZone = TimeZone(identifier: "UTC")
        for step in 0..<500 {
            let seconds = Double(step) * 8_204_889.0 + Double(step % 1000) / 1000 + 0.0004
            #expect(Timestamp.iso8601(seconds) == formatter.string(from: Date(timeIntervalSince1970: seconds)))
        }
    }

    @Test("durations are written as the JSON encoder writes the same number of milliseconds")
    func durations() throws {
        var durations: [Double] = [0, 0.000_000_4, 0.000_000_6, 0.000_001, 0.001, 0.0015, 0.123_456_7, 1, 12.345_678_9]
        durations += (0..<500).map { Double($0 * $0) * 0.000_137_1 }  // up to 34 s, most with a fraction
        for duration in durations {
            let record = Self.record(duration: duration)
            var line: [UInt8] = []
            AccessLine.append(record, to: &line)
            #expect(line == Self.encoded(record), "duration \(duration)")
        }
    }

    @Test(
        "a duration that is not finite, negative or huge is written as 0 or capped, not a trap",
        arguments: [(Double.nan, "0"), (-1, "0"), (.infinity, "0"), (-.infinity, "0"), (1e300, "1000000000")])
    func impossibleDurations(duration: Double, written: String) throws {
        var line: [UInt8] = []
        AccessLine.append(Self.record(duration: duration), to: &line)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(line)) as? [String: Any])
        #expect(object["duration_ms"] != nil)
        #expect(String(decoding: line, as: UTF8.self).contains(#""duration_ms":\#(written),"#))
    }

    /// A pipe: (read end, write end).
    static func pipe() -> (Int32, Int32) {
        var fds: [Int32] = [0, 0]
        precondition(Foundation.pipe(&fds) == 0)
        return (fds[0], fds[1])
    }

    /// What `fd` gives until `enough` holds for it, it ends, or nothing comes for `timeout` ms (a test
    /// that fails should not hang).
    static func receive(_ fd: Int32, timeout: Int32 = 10_000, until enough: ([UInt8]) -> Bool) -> [UInt8] {
        var bytes: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 65536)
        var poller = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
        while !enough(bytes) && poll(&poller, 1, timeout) == 1 {
            let count = Glibc.read(fd, &buffer, buffer.count)
            guard count > 0 else { break }
            bytes += buffer[..<count]
        }
        return bytes
    }

    static func readAll(_ fd: Int32, until lines: Int) -> [String] {
        let bytes = receive(fd) { bytes in bytes.lazy.filter { $0 == 10 }.count >= lines }
        return String(decoding: bytes, as: UTF8.self).split(separator: "\n").map(String.init)
    }

    @Test("each loop's lines arrive in order, handed over at the tick or when the batch is full")
    func perLoopOrder() throws {
        let (readEnd, writeEnd) = Self.pipe()
        defer {
            close(readEnd)
            close(writeEnd)
        }
        let writer = LogWriter(fileDescriptor: writeEnd)
        let log = AccessLog(loops: 2, writer: writer)
        for index in 0..<200 {
            log.log(Self.record(path: "/loop0/\(index)"), loop: 0)
            log.log(Self.record(path: "/loop1/\(index)"), loop: 1)
        }
        log.tick(loop: 0)
        log.tick(loop: 1)
        let lines = Self.readAll(readEnd, until: 400)  // more than a pipe holds: read while it is written
        #expect(lines.count == 400)
        for loop in 0..<2 {
            let paths = lines.compactMap { line -> String? in
                let object = try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any]
                return (object?["path"] as? String).flatMap { $0.hasPrefix("/loop\(loop)/") ? $0 : nil }
            }
            #expect(paths == (0..<200).map { "/loop\(loop)/\($0)" })
        }
        #expect(writer.droppedLines == 0)
    }

    @Test("a reader that stops: handing over never blocks, what does not fit is counted, the rest is whole")
    func boundedWhenTheReaderStops() throws {
        let (readEnd, writeEnd) = Self.pipe()
        defer { close(readEnd) }
        let writer = LogWriter(fileDescriptor: writeEnd, capacity: 128 * 1024)
        let log = AccessLog(loops: 1, writer: writer)
        // Nobody reads: the pipe (64 KiB) and the writer's queue (128 KiB) fill, then lines are dropped.
        var submitted = 0
        while writer.droppedLines == 0 && submitted < 100_000 {
            log.log(Self.record(path: "/stalled/\(submitted)"), loop: 0)
            submitted += 1
            if submitted % 100 == 0 { log.tick(loop: 0) }
        }
        log.tick(loop: 0)
        #expect(writer.droppedLines > 0, "the queue is bounded")
        let dropped = writer.droppedLines
        // The reader comes back: everything that was queued arrives, whole lines, in order.
        startThread(named: "test-reader") {
            var buffer = [UInt8](repeating: 0, count: 65536)
            var total: [UInt8] = []
            while true {
                let count = read(readEnd, &buffer, buffer.count)
                guard count > 0 else { break }
                total += buffer[..<count]
            }
            let lines = String(decoding: total, as: UTF8.self).split(separator: "\n")
            Self.received.withLock { $0 = lines.map(String.init) }
        }
        writer.flush(timeout: 10)
        close(writeEnd)
        for _ in 0..<1000 where Self.received.withLock({ $0 == nil }) { usleep(10_000) }
        let lines = try #require(Self.received.withLock { $0 })
        #expect(lines.count + dropped == submitted)
        let indices = lines.compactMap { line -> Int? in
            let object = try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any]
            return (object?["path"] as? String).flatMap { Int($0.split(separator: "/").last ?? "") }
        }
        #expect(indices.count == lines.count, "every line is whole JSON")
        #expect(indices == indices.sorted())
    }

    static let received = Locked<[String]?>(nil)

    /// Outputs a log writer can have: (read end, write end, what it is).
    enum Output: String, CaseIterable, CustomTestStringConvertible {
        case regularFile, pipe, namedPipe, socket
        var testDescription: String { rawValue }

        func open() -> (Int32, Int32) {
            switch self {
            case .regularFile:
                var template = Array("/tmp/hta-log-XXXXXX".utf8CString)
                let writeEnd = mkstemp(&template)
                let readEnd = Glibc.open(template, O_RDONLY)
                unlink(template)
                precondition(writeEnd >= 0 && readEnd >= 0)
                return (readEnd, writeEnd)
            case .pipe:
                return AccessLogTests.pipe()
            case .namedPipe:  // a FIFO in the file system: Linux refuses RWF_NOWAIT on it (6.18 too)
                let path = "/tmp/hta-log-fifo-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
                precondition(mkfifo(path, 0o600) == 0)
                defer { unlink(path) }
                let readEnd = Glibc.open(path, O_RDONLY | O_NONBLOCK)  // no writer yet: must not wait
                let writeEnd = Glibc.open(path, O_WRONLY)
                precondition(readEnd >= 0 && writeEnd >= 0)
                return (readEnd, writeEnd)
            case .socket:
                var fds: [Int32] = [0, 0]
                precondition(socketpair(AF_UNIX, Int32(SOCK_STREAM.rawValue), 0, &fds) == 0)
                return (fds[0], fds[1])
            }
        }
    }

    static func lines(_ count: Int, tag: String) -> [UInt8] {
        var bytes: [UInt8] = []
        for index in 0..<count { AccessLine.append(record(path: "/\(tag)/\(index)"), to: &bytes) }
        return bytes
    }

    @Test(
        "an idle writer has the batch written when handing over returns (by the thread soon after, where it must wait)",
        arguments: Output.allCases)
    func writtenByTheCaller(_ output: Output) throws {
        let (readEnd, writeEnd) = output.open()
        defer {
            close(readEnd)
            close(writeEnd)
        }
        // Where the kernel cannot write this output without waiting (a named pipe; an anonymous one before
        // Linux 6.4), the thread writes it: then the bytes come a little later.
        let byTheCaller = Self.writesWithoutWaiting(output)
        let writer = LogWriter(fileDescriptor: writeEnd)
        for round in 0..<20 {
            let batch = Self.lines(10, tag: "round\(round)")
            #expect(writer.submit(batch, lines: 10))
            // No flush and no waiting: the bytes are in the output already (a file reads as ended if not).
            let received = Self.receive(readEnd, timeout: byTheCaller ? 0 : 10_000) { $0.count >= batch.count }
            try #require(received.count == batch.count, "round \(round): \(received.count) of \(batch.count) bytes")
            #expect(received == batch)
        }
        #expect(writer.droppedLines == 0)
    }

    /// Whether this kernel writes to `output` without waiting for room (RWF_NOWAIT). A regular file is
    /// written plainly.
    static func writesWithoutWaiting(_ output: Output) -> Bool {
        guard output != .regularFile else { return true }
        let (readEnd, writeEnd) = output.open()
        defer {
            close(readEnd)
            close(writeEnd)
        }
        var byte: UInt8 = 0
        return hta_write_nowait(writeEnd, &byte, 1) == 1
    }

    @Test(
        "a reader slower than four writing loops: every line arrives whole, each loop's in order, none dropped",
        arguments: [Output.pipe, .socket])
    func slowReader(_ output: Output) throws {
        let (readEnd, writeEnd) = output.open()
        defer { close(readEnd) }
        let writer = LogWriter(fileDescriptor: writeEnd, capacity: 64 << 20)
        // The reader drains the output in bursts with pauses between: after a burst the writer is idle
        // and loops write their batches themselves until the output fills, part way through a batch, while
        // other loops hand theirs over; the writer thread then writes the rest, in order.
        let received = Locked<[UInt8]>([])
        let readerDone = Locked(false)
        startThread(named: "test-reader") {
            var buffer = [UInt8](repeating: 0, count: 1 << 20)
            while true {
                let count = read(readEnd, &buffer, buffer.count)
                guard count > 0 else { break }
                received.withLock { $0 += buffer[..<count] }
                usleep(300)
            }
            readerDone.withLockThenSignal { $0 = true }
        }
        let loops = 4
        let perLoop = 3000
        let loopsDone = Locked(0)
        for loop in 0..<loops {
            startThread(named: "test-loop\(loop)") {
                var next = 0
                while next < perLoop {
                    let count = min(1 + (next * 7 + loop) % 150, perLoop - next)
                    var batch: [UInt8] = []
                    for index in next..<(next + count) {
                        AccessLine.append(Self.record(path: "/loop\(loop)/\(index)"), to: &batch)
                    }
                    writer.submit(batch, lines: count)
                    next += count
                }
                loopsDone.withLockThenSignal { $0 += 1 }
            }
        }
        loopsDone.wait(until: { $0 == loops }, timeout: 60) { _ in }
        try #require(writer.flush(timeout: 60), "everything written")
        close(writeEnd)
        try #require(readerDone.wait(until: { $0 }, timeout: 60) { $0 }, "the reader saw the end")
        let lines = received.withLock { String(decoding: $0, as: UTF8.self) }.split(separator: "\n")
        #expect(lines.count == loops * perLoop)
        var paths = [[Int]](repeating: [], count: loops)
        for line in lines {
            let object = try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any]
            let parts = try #require(object?["path"] as? String, "a whole line: \(line.prefix(80))").split(
                separator: "/")
            let loop = try #require(Int(parts[0].dropFirst("loop".count)))
            paths[loop].append(try #require(Int(parts[1])))
        }
        for loop in 0..<loops { #expect(paths[loop] == Array(0..<perLoop), "loop \(loop)") }
        #expect(writer.droppedLines == 0)
    }

    @Test("the rest of a batch its loop wrote in part goes out before batches handed over meanwhile")
    func restGoesFirst() throws {
        var fds: [Int32] = [0, 0]
        try #require(socketpair(AF_UNIX, Int32(SOCK_STREAM.rawValue), 0, &fds) == 0)
        let (readEnd, writeEnd) = (fds[0], fds[1])
        defer { close(readEnd) }
        var small: Int32 = 4096  // the kernel's floor: far less than the batch below
        setsockopt(writeEnd, SOL_SOCKET, SO_SNDBUF, &small, socklen_t(MemoryLayout<Int32>.size))
        let first = Self.lines(200, tag: "first")  // about 50 KiB: written in part
        let second = Self.lines(20, tag: "second")
        let handedOver = Locked(false)
        let writerBox = Locked<LogWriter?>(nil)
        let writer = LogWriter(fileDescriptor: writeEnd, capacity: 1 << 20) {
            // While the first batch is being written by its caller, another loop hands its batch over.
            guard handedOver.withLock({ $0 }) == false, let writer = writerBox.withLock({ $0 }) else { return }
            startThread(named: "test-loop1") {
                writer.submit(second, lines: 20)
                handedOver.withLockThenSignal { $0 = true }
            }
            handedOver.wait(until: { $0 }, timeout: 10) { _ in }
        }
        writerBox.withLock { $0 = writer }
        #expect(writer.submit(first, lines: 200))
        #expect(handedOver.withLock { $0 }, "the second batch came while the first was being written")
        let received = Self.receive(readEnd) { $0.count >= first.count + second.count }
        let inOrder = received == first + second  // compared as a whole: a failure would print 55 KB
        #expect(inOrder, "the first batch whole, then the second")
        #expect(writer.flush(timeout: 10))
        close(writeEnd)
        #expect(writer.droppedLines == 0)
    }

    @Test(
        "a terminal, which cannot be written without waiting, gets every line through the writer thread",
        .enabled(if: access("/dev/ptmx", R_OK | W_OK) == 0, "needs a pseudo-terminal"))
    func terminal() throws {
        // posix_openpt, unlockpt and ptsname are not in Swift's Glibc module: their ioctls, from
        // <asm-generic/ioctls.h> (TIOCSPTLCK = _IOW('T', 0x31, int), TIOCGPTN = _IOR('T', 0x30, unsigned)).
        let controller = Glibc.open("/dev/ptmx", O_RDWR | O_NOCTTY)
        try #require(controller >= 0)
        defer { close(controller) }
        var locked: Int32 = 0
        var number: UInt32 = 0
        try #require(ioctl(controller, 0x4004_5431, &locked) == 0 && ioctl(controller, 0x8004_5430, &number) == 0)
        let terminal = Glibc.open("/dev/pts/\(number)", O_WRONLY | O_NOCTTY)
        try #require(terminal >= 0)
        defer { close(terminal) }
        var settings = termios()
        tcgetattr(terminal, &settings)
        cfmakeraw(&settings)  // no newline translation: the bytes arrive as written
        tcsetattr(terminal, TCSANOW, &settings)
        let writer = LogWriter(fileDescriptor: terminal)
        var expected: [UInt8] = []
        for round in 0..<5 {
            let batch = Self.lines(4, tag: "tty\(round)")
            #expect(writer.submit(batch, lines: 4))
            expected += batch
        }
        writer.flush(timeout: 10)
        let received = Self.receive(controller, timeout: 2000) { $0.count >= expected.count }
        #expect(received == expected)
        #expect(writer.droppedLines == 0)
    }

    @Test("an output closed for good: the lines are counted as dropped and handing over does not block")
    func closedOutput() throws {
        _ = signal(SIGPIPE, SIG_IGN)  // as the server does: a write to a closed pipe fails with EPIPE
        let (readEnd, writeEnd) = Self.pipe()
        close(readEnd)
        defer { close(writeEnd) }
        let writer = LogWriter(fileDescriptor: writeEnd)
        for _ in 0..<3 { writer.submit(Self.lines(5, tag: "gone"), lines: 5) }
        writer.flush(timeout: 10)
        #expect(writer.droppedLines == 15)
    }

    @Test("lines handed over reach the output by themselves, without a flush, in a fraction of a second")
    func writtenWithoutFlush() throws {
        let (readEnd, writeEnd) = Self.pipe()
        defer {
            close(readEnd)
            close(writeEnd)
        }
        let writer = LogWriter(fileDescriptor: writeEnd)
        let log = AccessLog(loops: 1, writer: writer)
        for round in 0..<3 {  // each round hands over one batch to a writer whose queue is empty again
            for index in 0..<5 { log.log(Self.record(path: "/round\(round)/\(index)"), loop: 0) }
            log.tick(loop: 0)
            var poller = pollfd(fd: readEnd, events: Int16(POLLIN), revents: 0)
            try #require(poll(&poller, 1, 2000) == 1, "round \(round): nothing written within 2 s")
            let lines = Self.readAll(readEnd, until: 5)
            #expect(lines.count == 5)
            #expect(lines.allSatisfy { $0.contains("/round\(round)/") })
        }
        #expect(writer.droppedLines == 0)
    }
}
