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
///   its own that waits as long as the output needs, and is the only one to give up on it. A terminal, a
///   named pipe, an anonymous pipe before Linux 6.4, or any output refused without waiting (a system
///   call filter, say) goes through that thread for good.
///
/// Writing in the caller spares a thread wake-up per batch: with a thread woken for every batch, the
/// benchmark's p99 at 64 connections was 5.6–6.8 ms in most runs, where it is 4.4–4.9 ms without
/// (nginx 3.6–5.1). What waits for the thread is bounded by `capacity` (and the rest of one batch a
/// caller began): a batch that does not fit is dropped, and its lines counted (`droppedLines`, exported
/// as `access_log_dropped_lines_total`), as are the lines of an output that fails for good.
public final class LogWriter: Sendable {
    public static let standardOutput = LogWriter(fileDescriptor: 1)

    /// How a caller that finds the writer idle writes its batch itself.
    private enum DirectWrite {
        /// A regular file: `write`, which never waits for a reader.
        case plain
        /// A pipe, socket or device: `hta_write_nowait`, which takes what fits now.
        case withoutWaiting
        /// The output refused a write without waiting: the thread writes everything.
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

        /// Nothing handed over waits to be written.
        var idle: Bool { batches.isEmpty && !writing }
    }

    /// Why a write stopped.
    private enum Outcome {
        case done
        /// No room now (EAGAIN).
        case full
        /// A write without waiting is refused for this output (a terminal, a named pipe, a filter).
        case refused
        /// Any other error: a closed pipe, a full disk.
        case failed
    }

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
    /// Lines the output refuses later, when it fails for good, are counted as dropped then.
    @discardableResult
    public func submit(_ batch: [UInt8], lines: Int, bounded: Bool = true) -> Bool {
        let direct = pending.withLock { pending -> DirectWrite? in
            guard pending.direct != .never, pending.idle else { return nil }
            pending.writing = true
            return pending.direct
        }
        guard let direct else { return enqueue(batch, lines: lines, bounded: bounded) }
        beforeWritingInCaller?()
        let (written, outcome) = write(batch[...], direct)
        pending.withLock(thenSignalIf: { !$0.batches.isEmpty || $0.flushing > 0 }) { pending in
            pending.writing = false
            guard outcome != .done else { return }
            // The rest is the thread's, which alone gives up on the output and counts what it loses; it goes
            // ahead of anything queued while this was written, which is newer.
            pending.batches.insert(Array(batch[written...]), at: 0)
            pending.bytes += batch.count - written
            if outcome == .refused { pending.direct = .never }
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

    /// Waits until everything handed over so far is written, or `timeout` seconds pass; false if they did.
    @discardableResult
    public func flush(timeout: Double = 2) -> Bool {
        pending.withLock { $0.flushing += 1 }
        return pending.wait(until: \.idle, timeout: timeout) { pending in
            pending.flushing -= 1
            return pending.idle
        }
    }

    private func enqueue(_ batch: [UInt8], lines: Int, bounded: Bool) -> Bool {
        // Whoever is writing wakes the thread when done; until then waking it would be for nothing.
        pending.withLock(thenSignalIf: { !$0.writing }) { pending in
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

    /// Writes `bytes` until they are all written or the output stops it (without waiting for room unless
    /// `mode` is `.plain`); returns how much was written and why it stopped.
    private func write(_ bytes: ArraySlice<UInt8>, _ mode: DirectWrite) -> (written: Int, Outcome) {
        var offset = bytes.startIndex
        while offset < bytes.endIndex {
            let written = bytes[offset...].withUnsafeBytes { raw in
                mode == .withoutWaiting
                    ? hta_write_nowait(fileDescriptor, raw.baseAddress, raw.count)
                    : Glibc.write(fileDescriptor, raw.baseAddress, raw.count)
            }
            if written > 0 {
                offset += written
                continue
            }
            switch written < 0 ? errno : 0 {
            case EINTR: continue
            case EAGAIN: return (offset - bytes.startIndex, .full)
            case EOPNOTSUPP, EINVAL, ENOSYS, EPERM, EACCES:
                return (offset - bytes.startIndex, mode == .withoutWaiting ? .refused : .failed)
            default: return (offset - bytes.startIndex, .failed)
            }
        }
        return (bytes.count, .done)
    }

    /// Writes the whole batch, waiting as long as the output needs; returns the lines lost when the
    /// output fails for good (closed pipe, full disk).
    private func writeAll(_ batch: [UInt8]) -> Int {
        var offset = 0
        while true {
            let (written, outcome) = write(batch[offset...], .plain)
            offset += written
            switch outcome {
            case .done:
                return 0
            case .full:
                // Someone made the descriptor non-blocking: wait for room rather than spin.
                var poller = pollfd(fd: fileDescriptor, events: Int16(POLLOUT), revents: 0)
                _ = poll(&poller, 1, 1000)
            case .refused, .failed:
                return Self.lineCount(batch[offset...])
            }
        }
    }

    private static func lineCount(_ bytes: ArraySlice<UInt8>) -> Int {
        bytes.lazy.filter { $0 == UInt8(ascii: "\n") }.count
    }
}
