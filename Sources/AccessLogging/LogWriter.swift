import Glibc
import Threading

/// The one writer of standard output: a thread of its own writes the batches of whole lines handed to it,
/// in the order they came, so lines never interleave and no event loop ever waits on a slow terminal or
/// pipe. What waits to be written is bounded by `capacity`: a batch that does not fit is dropped, and its
/// lines counted (`droppedLines`, exported as `access_log_dropped_lines_total`).
public final class LogWriter: Sendable {
    public static let standardOutput = LogWriter(fileDescriptor: 1)

    private struct Pending {
        var batches: [[UInt8]] = []
        var bytes = 0
        /// The writer thread holds batches it took and has not finished writing.
        var writing = false
        var droppedLines = 0
    }

    private let fileDescriptor: Int32
    private let capacity: Int
    private let pending = Locked(Pending())

    public init(fileDescriptor: Int32, capacity: Int = 4 << 20) {
        self.fileDescriptor = fileDescriptor
        self.capacity = capacity
        startThread(named: "hta-log") { [self] in run() }
    }

    /// Hands over `batch`, whole lines of which there are `lines`; false (and the lines counted as
    /// dropped) when that would queue more than `capacity` bytes. Never blocks on the output.
    @discardableResult
    public func submit(_ batch: [UInt8], lines: Int, bounded: Bool = true) -> Bool {
        pending.withLockThenSignal { pending in
            guard !bounded || pending.bytes + batch.count <= capacity else {
                pending.droppedLines += lines
                return false
            }
            pending.batches.append(batch)
            pending.bytes += batch.count
            return true
        }
    }

    /// Hands over one line of the lifecycle (a newline is added): rare, and never dropped.
    public func write(line: [UInt8]) {
        var batch = line
        batch.append(UInt8(ascii: "\n"))
        submit(batch, lines: 1, bounded: false)
    }

    public var droppedLines: Int { pending.withLock { $0.droppedLines } }

    /// Waits until everything handed over so far is written, or `timeout` seconds pass.
    public func flush(timeout: Double = 2) {
        pending.wait(until: { $0.batches.isEmpty && !$0.writing }, timeout: timeout) { _ in }
    }

    private func run() {
        while true {
            let batches = pending.wait(until: { !$0.batches.isEmpty }) { pending in
                defer {
                    pending.batches.removeAll(keepingCapacity: true)
                    pending.writing = true
                }
                return pending.batches
            }
            var unwritten = 0
            for batch in batches { unwritten += writeAll(batch) }
            pending.withLockThenSignal { pending in
                pending.bytes -= batches.reduce(0) { $0 + $1.count }
                pending.droppedLines += unwritten
                pending.writing = false
            }
        }
    }

    /// Writes the whole batch, waiting as long as the output needs; returns the lines lost when the
    /// output fails for good (closed pipe, full disk).
    private func writeAll(_ batch: [UInt8]) -> Int {
        var offset = 0
        while offset < batch.count {
            let written = batch[offset...].withUnsafeBytes { Glibc.write(fileDescriptor, $0.baseAddress, $0.count) }
            if written > 0 {
                offset += written
            } else if written < 0 && errno == EINTR {
                continue
            } else if written < 0 && errno == EAGAIN {
                // Someone made the descriptor non-blocking: wait for room rather than spin.
                var poller = pollfd(fd: fileDescriptor, events: Int16(POLLOUT), revents: 0)
                _ = poll(&poller, 1, 1000)
            } else {
                return batch[offset...].lazy.filter { $0 == UInt8(ascii: "\n") }.count
            }
        }
        return 0
    }
}
