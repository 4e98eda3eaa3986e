import Dispatch
import FoundationEssentials
import Glibc

/// Lines for stdout, buffered on one queue and written in batches (every 50 ms or 64 KiB), so request
/// queues never wait on a terminal or a pipe. `flush()` writes what is pending, synchronously.
final class LogSink: @unchecked Sendable {  // `buffer` confined to `queue`
    static let standardOutput = LogSink(fileDescriptor: 1)

    private let fileDescriptor: Int32
    private let queue = DispatchQueue(label: "hormone-therapy-api.log")
    private var buffer: [UInt8] = []
    private var flushScheduled = false

    init(fileDescriptor: Int32) { self.fileDescriptor = fileDescriptor }

    /// Appends one line (a newline is added).
    func write(_ line: [UInt8]) {
        queue.async { [self] in
            buffer.append(contentsOf: line)
            buffer.append(UInt8(ascii: "\n"))
            if buffer.count >= 64 * 1024 {
                drain()
            } else if !flushScheduled {
                flushScheduled = true
                queue.asyncAfter(deadline: .now() + .milliseconds(50)) { [self] in
                    flushScheduled = false
                    drain()
                }
            }
        }
    }

    func flush() { queue.sync { drain() } }

    private func drain() {
        var offset = 0
        while offset < buffer.count {
            let written = buffer[offset...].withUnsafeBytes { Glibc.write(fileDescriptor, $0.baseAddress, $0.count) }
            if written <= 0 {
                if errno == EINTR { continue }
                break
            }
            offset += written
        }
        buffer.removeAll(keepingCapacity: true)
    }
}

/// Writes `text` to standard error at once (diagnostics of the command-line tools, not logs).
func writeStandardError(_ text: String) {
    var bytes = Array(text.utf8)[...]
    while !bytes.isEmpty {
        let written = bytes.withUnsafeBytes { Glibc.write(2, $0.baseAddress, $0.count) }
        if written < 0 && errno == EINTR { continue }
        guard written > 0 else { return }
        bytes = bytes.dropFirst(written)
    }
}
