import CWriteNoWait
import Glibc
import Threading

/// The one writer of standard output. Batches of whole lines are written in the order they come, so
/// lines never interleave, and no event loop ever waits on a slow terminal or pipe:
/// - when nothing is queued or being written, the thread that hands a batch over writes it itself, as far
///   as the output takes it at once: to a pipe or socket without waiting for room (`RWF_NOWAIT`), to a
///   regular file with a plain write (a file has no reader to wait for; like an nginx worker writing its
///   access log, the loop may wait on the disk itself);
/// - what is left, and whatever comes while something is queued or being written, goes to a thread of
///   its own that waits as long as the output needs. A terminal, or any output the kernel cannot write
///   without waiting, always goes through that thread.
///
/// Writing in the caller spares a thread wake-up per batch: with a thread woken for every batch, the
/// benchmark's p99 at 64 connections was 6.2–7.1 ms where it is 4.5–4.8 ms without (nginx 4.6–5.3).
/// What waits for the thread is bounded by `capacity`: a batch that does not fit is dropped, and its lines
/// counted (`droppedLines`, exported as `access_log_dropped_lines_total`).
public final class LogWriter: Sendable {
    public static let standardOutput = LogWriter(fileDescriptor: 1)

    /// How a caller that finds the writer idle writes its batch itself.
    private enum DirectWrite {
        /// A regular file: `write`, which never waits for a reader.
        case plain
        /// A pipe, socket or device: `hta_write_nowait`, which takes what fits now.
        case withoutWaiting
        /// The output cannot be written without waiting (found at the first try): the thread writes all.
        case never
    }

    private struct Pending {
        var batches: [[UInt8]] = []
        var bytes = 0
        /// Someone is writing to the output: the thread, with batches it took, or a caller, its own batch.
        var writing = false
        var droppedLines = 0
        var direct: DirectWrite
        /// Threads waiting in `flush`, to be woken when a caller finishes writing.
        var flushing = 0
    }

    private enum Outcome { case done, wouldWait, unsupported, failed }

    private let fileDescriptor: Int32
    private let capacity: Int
    private let pending: Locked<Pending>
    /// Tests only: runs in a caller about to write its own batch, with the writer marked busy.
    private let beforeWritingInCaller: (@Sendable () -> Void)?

    public convenience init(fileDescriptor: Int32, capacity: Int = 4 << 20) {
        self.init(fileDescriptor: fileDescriptor, capacity: capacity, beforeWritingInCaller: nil)
    }

    init(fileDescriptor: Int32, capacity: Int, beforeWritingInCaller: (@Sendable () -> Void)?) {
        self.fileDescriptor = fileDescriptor
        self.capacity = capacity
        self.beforeWritingInCaller = beforeWritingInCaller
        var status = stat()
        let regularFile = fstat(fileDescriptor, &status) == 0 && status.st_mode & S_IFMT == S_IFREG
        pending = Locked(Pending(direct: regularFile ? .plain : .withoutWaiting))
        startThread(named: "hta-log") { [self] in run() }
    }

    /// Hands over `batch`, whole lines of which there are `lines`; false (and the lines counted as
    /// dropped) when that would queue more than `capacity` bytes. Never waits for room in the output.
    @discardableResult
    public func submit(_ batch: [UInt8], lines: Int, bounded: Bool = true) -> Bool {
        let direct = pending.withLock { pending -> DirectWrite? in
            guard pending.direct != .never, pending.batches.isEmpty, !pending.writing else { return nil }
            pending.writing = true
            return pending.direct
        }
        guard let direct else { return enqueue(batch, lines: lines, bounded: bounded) }
        beforeWritingInCaller?()
        let (written, outcome) = write(batch, direct)
        pending.withLock(thenSignalIf: { !$0.batches.isEmpty || $0.flushing > 0 }) { pending in
            pending.writing = false
            switch outcome {
            case .done:
                break
            case .wouldWait, .unsupported:
                // Ahead of anything queued while this was written: it is the older output.
                pending.batches.insert(Array(batch[written...]), at: 0)
                pending.bytes += batch.count - written
                if outcome == .unsupported { pending.direct = .never }
            case .failed:
                pending.droppedLines += Self.lineCount(batch[written...])
            }
        }
        return true
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
        pending.withLock { $0.flushing += 1 }
        pending.wait(until: { $0.batches.isEmpty && !$0.writing }, timeout: timeout) { $0.flushing -= 1 }
    }

    private func enqueue(_ batch: [UInt8], lines: Int, bounded: Bool) -> Bool {
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

    private func run() {
        while true {
            let batches = pending.wait(until: { !$0.batches.isEmpty && !$0.writing }) { pending in
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

    /// Writes as much of `batch` as the output takes without waiting for room (the whole of it to a
    /// regular file); returns how much, and why it stopped.
    private func write(_ batch: [UInt8], _ direct: DirectWrite) -> (written: Int, Outcome) {
        var offset = 0
        while offset < batch.count {
            let written = batch[offset...].withUnsafeBytes { bytes in
                direct == .plain
                    ? Glibc.write(fileDescriptor, bytes.baseAddress, bytes.count)
                    : hta_write_nowait(fileDescriptor, bytes.baseAddress, bytes.count)
            }
            if written > 0 {
                offset += written
                continue
            }
            switch written < 0 ? errno : 0 {
            case EINTR: continue
            case EAGAIN: return (offset, .wouldWait)
            case EOPNOTSUPP, EINVAL, ENOSYS: return (offset, .unsupported)
            default: return (offset, .failed)
            }
        }
        return (offset, .done)
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
                return Self.lineCount(batch[offset...])
            }
        }
        return 0
    }

    private static func lineCount(_ bytes: ArraySlice<UInt8>) -> Int {
        bytes.lazy.filter { $0 == UInt8(ascii: "\n") }.count
    }
}
