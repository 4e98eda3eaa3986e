import CEpoll
import Dispatch
import Glibc
import HTTP1
import Threading

/// One thread running `epoll_wait` over the connections it owns: readiness events go straight to the
/// connection, with no hand-off between threads. Other threads give it work with `execute`, which
/// wakes it through an eventfd. Deadlines are checked between waits, at `timerResolution`. With busy
/// polling on (`ServerConfiguration.busyPoll`; off by default), the loop polls before it sleeps, while its
/// events have been coming within the window (`PollWindow`).
final class EventLoop: @unchecked Sendable {  // all but `tasks` (locked) confined to the loop thread
    private let epoll: Int32
    private let wake: Int32
    /// Work from other threads; once the loop has ended it is closed, and takes no more.
    private struct Tasks {
        var pending: [@Sendable () -> Void] = []
        var closed = false
    }
    private let tasks = Locked(Tasks())
    /// Loop thread only, and no access calls out while it lasts: the run-time exclusivity check (a
    /// call on each of the two lookups a request makes) is left out.
    @exclusivity(unchecked) private var registry = Registry()
    private let timerResolution: UInt64
    private var pollWindow: PollWindow
    /// The loop's place among the server's loops (`ConnectionContext.loop`).
    let index: Int
    /// Called on the loop thread at every deadline check, about every `timerResolution`.
    private let onTick: @Sendable () -> Void
    private var lastDeadlineCheck: UInt64 = 0
    private var running = true
    /// Whoever waits for the loop to end (loop thread only).
    private var finishWaiters: [CheckedContinuation<Void, Never>] = []
    /// One read buffer shared by the loop's connections: reads never overlap on one thread.
    let readBuffer = UnsafeMutableRawBufferPointer.allocate(byteCount: 64 * 1024, alignment: 16)
    /// Clients are waiting to be accepted: deadlines shrink to the overload timeout. Set by the server.
    var overloaded = false
    private var dateSeconds = -1
    private var dateField = ResponseHead.DateField("")
    /// Monotonic nanoseconds when the current batch of events came back from `epoll_wait`: the time of
    /// every read in the batch, whose handling takes microseconds (milliseconds at most). One clock
    /// reading a batch instead of two a request (the read's, and the wall clock's for the log).
    @exclusivity(unchecked) private(set) var batchTime: UInt64 = 0
    /// The wall clock minus the monotonic one, in nanoseconds: read at every deadline check, so a step of
    /// the wall clock shows in the log's times within `timerResolution`.
    @exclusivity(unchecked) private var wallClockOffset: Int64 = 0
    /// The storage every response head of this loop is written into. A queued head shares it until sent;
    /// the usual head is sent at once, so the next one finds it free and allocates nothing. One still
    /// queued (a full socket, a pipelined batch) keeps its storage, and the next head gets new storage.
    /// Touched only on the loop's thread, by two methods that call nothing back: no access can overlap
    /// another, so the run-time exclusivity check is left out.
    @exclusivity(unchecked) private var headStorage: [UInt8] = []

    /// Why the loop could not be set up (no epoll, no eventfd), or nil; such a loop never runs, and the
    /// server refuses to start.
    let setupError: SocketError?

    init(index: Int, timerResolution: Duration, busyPoll: Duration, onTick: @escaping @Sendable () -> Void) {
        self.index = index
        self.onTick = onTick
        // A window as long as the deadline checks' timeout would count a wait with no event as one that
        // polling catches.
        pollWindow = PollWindow(window: min(busyPoll.nanoseconds, timerResolution.nanoseconds / 2))
        epoll = hta_epoll_create()
        let epollError = errno
        wake = hta_eventfd()
        let wakeError = errno
        self.timerResolution = timerResolution.nanoseconds
        if epoll < 0 {
            setupError = SocketError(operation: "epoll_create1", errorNumber: epollError)
        } else if wake < 0 {
            setupError = SocketError(operation: "eventfd", errorNumber: wakeError)
        } else if hta_epoll_ctl(epoll, Int32(HTA_EPOLL_ADD), wake, UInt32(HTA_EPOLLIN)) != 0 {
            setupError = SocketError(operation: "epoll_ctl(add eventfd)", errorNumber: errno)
        } else {
            setupError = nil
        }
        guard setupError == nil else {
            tasks.withLock { $0.closed = true }
            return
        }
        startThread(named: "hta-loop-\(index)") { [self] in run() }
    }

    deinit {
        readBuffer.deallocate()
        if epoll >= 0 { Socket.close(epoll) }
        if wake >= 0 { Socket.close(wake) }
    }

    /// Runs `task` on the loop thread, soon. Safe from any thread. False when the loop has ended: the
    /// task is dropped.
    @discardableResult
    func execute(_ task: @escaping @Sendable () -> Void) -> Bool {
        let accepted = tasks.withLock { tasks in
            guard !tasks.closed else { return false }
            tasks.pending.append(task)
            return true
        }
        guard accepted else { return false }
        var one: UInt64 = 1
        _ = withUnsafeBytes(of: &one) { Glibc.write(wake, $0.baseAddress, 8) }
        return true
    }

    /// Runs `task` on the loop thread and waits for it; returns at once, without running it, when the loop
    /// has ended.
    func executeAndWait(_ task: @escaping @Sendable () -> Void) {
        let done = DispatchSemaphore(value: 0)
        guard
            execute({
                task()
                done.signal()
            })
        else { return }
        done.wait()
    }

    /// Runs `task` on the loop thread and resumes when it has run (at once when the loop has ended), without
    /// blocking the caller's thread.
    func perform(_ task: @escaping @Sendable () -> Void) async {
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            let accepted = execute {
                task()
                continuation.resume()
            }
            if !accepted { continuation.resume() }
        }
    }

    /// Ends the loop thread once its pending tasks have run, and resumes when it has ended; at once when
    /// it already has.
    func shutdown() async {
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            let accepted = execute { [self] in
                running = false
                finishWaiters.append(continuation)
            }
            if !accepted { continuation.resume() }
        }
    }

    private func run() {
        LoopThread.enter(loop: index)
        var fds = [Int32](repeating: 0, count: 256)
        var events = [UInt32](repeating: 0, count: 256)
        let timeout = Int32(max(1, timerResolution / 1_000_000))
        readWallClockOffset()
        var idleSince = Socket.monotonicNanoseconds()
        while running {
            let count = wait(&fds, &events, timeout: timeout, idleSince: idleSince)
            batchTime = Socket.monotonicNanoseconds()
            for index in 0..<count {
                let fd = fds[index]
                if fd == wake {
                    runTasks()
                    continue
                }
                guard let connection = registry[fd]?.connection else { continue }
                let flags = events[index]
                if flags & UInt32(HTA_EPOLLERR | HTA_EPOLLHUP) != 0 {
                    // Reset, or closed both ways: nothing more can be sent or received.
                    connection.close()
                    continue
                }
                if flags & UInt32(HTA_EPOLLOUT) != 0 { connection.writable() }
                if flags & UInt32(HTA_EPOLLIN | HTA_EPOLLRDHUP) != 0, registry[fd]?.connection === connection {
                    connection.readable()
                }
            }
            // The end of the batch: read again only for the poll window, which times the gap to the next.
            let now = pollWindow.window > 0 ? Socket.monotonicNanoseconds() : batchTime
            idleSince = now
            if now - lastDeadlineCheck >= timerResolution {
                lastDeadlineCheck = now
                readWallClockOffset()
                for connection in registry.connections {
                    connection.checkDeadline(now: now, overloaded: overloaded)
                }
                onTick()
                idleSince = Socket.monotonicNanoseconds()  // the checks' time is not a gap
            }
        }
        for connection in registry.connections { connection.close() }
        // Close the queue, then run what was queued before it closed: nobody waits on a task that never runs.
        let rest = tasks.withLock { tasks in
            tasks.closed = true
            defer { tasks.pending.removeAll() }
            return tasks.pending
        }
        for task in rest { task() }
        for waiter in finishWaiters { waiter.resume() }
        finishWaiters.removeAll()
    }

    /// Waits for events, up to `timeout` ms: polls first, for the current window, then sleeps. Returns how
    /// many it wrote to `fds` and `events` (0 when none came, or a signal), and tells the window how long
    /// the wait lasted from `idleSince`, the end of the last batch (forever, when no event came).
    private func wait(_ fds: inout [Int32], _ events: inout [UInt32], timeout: Int32, idleSince: UInt64) -> Int {
        var count: Int32 = 0
        if pollWindow.current > 0 {
            let end = idleSince + pollWindow.current
            repeat {
                count = hta_epoll_wait(epoll, &fds, &events, 256, 0)
            } while count == 0 && Socket.monotonicNanoseconds() < end
        }
        if count == 0 { count = hta_epoll_wait(epoll, &fds, &events, 256, timeout) }
        // Only a signal interrupts a wait on a valid epoll descriptor; anything else is a bug here.
        precondition(count >= 0 || errno == EINTR, "epoll_wait failed: errno \(errno)")
        if pollWindow.window > 0 {  // with polling off, no clock read per wait
            pollWindow.record(gap: count > 0 ? Socket.monotonicNanoseconds() - idleSince : .max)
        }
        return max(0, Int(count))
    }

    /// Whether the loop polls before its next sleep. On the loop thread only (tests ask through `execute`).
    var isPolling: Bool { pollWindow.current > 0 }

    private func runTasks() {
        var counter: UInt64 = 0
        _ = withUnsafeMutableBytes(of: &counter) { Glibc.read(wake, $0.baseAddress, 8) }
        let pending = tasks.withLock { tasks in
            defer { tasks.pending.removeAll() }
            return tasks.pending
        }
        for task in pending { task() }
    }

    // MARK: Connections (loop thread only)

    /// Watches `fd` for the connection; false when epoll refuses it (out of memory, the user's watch
    /// limit): the caller closes the connection.
    func register(_ connection: Connection, fd: Int32) -> Bool {
        guard hta_epoll_ctl(epoll, Int32(HTA_EPOLL_ADD), fd, UInt32(HTA_EPOLLIN | HTA_EPOLLRDHUP)) == 0 else {
            return false
        }
        registry.add(connection, fd: fd, interest: UInt32(HTA_EPOLLIN | HTA_EPOLLRDHUP))
        return true
    }

    /// Sets which readiness events the loop reports for `fd`; a no-op when unchanged. False when epoll
    /// refuses the change: the caller closes the connection, which could otherwise wait forever.
    func setInterest(_ fd: Int32, read: Bool, write: Bool) -> Bool {
        let wanted = (read ? UInt32(HTA_EPOLLIN | HTA_EPOLLRDHUP) : 0) | (write ? UInt32(HTA_EPOLLOUT) : 0)
        guard registry[fd]?.interest != wanted else { return true }
        registry.setInterest(wanted, fd: fd)
        return hta_epoll_ctl(epoll, Int32(HTA_EPOLL_MODIFY), fd, wanted) == 0
    }

    func unregister(fd: Int32) {
        registry.remove(fd: fd)
        // Can fail only if fd was never added (register refused it); closing fd removes it anyway.
        _ = hta_epoll_ctl(epoll, Int32(HTA_EPOLL_DELETE), fd, 0)
    }

    var connectionCount: Int { registry.count }

    /// Seconds since 1970 at the monotonic time `monotonic` (nanoseconds), for the access log.
    func wallClockTime(at monotonic: UInt64) -> Double {
        Double(Int64(bitPattern: monotonic) &+ wallClockOffset) / 1e9
    }

    private func readWallClockOffset() {
        let wall = Socket.wallClockNanoseconds()
        wallClockOffset = wall &- Int64(bitPattern: Socket.monotonicNanoseconds())
    }

    /// The Date header value, formatted at most once a second.
    func currentDate() -> ResponseHead.DateField {
        let seconds = Socket.wallClockSeconds()
        if seconds != dateSeconds {
            dateSeconds = seconds
            dateField = ResponseHead.DateField(HTTPDate.format(secondsSince1970: seconds))
        }
        return dateField
    }

    /// The loop's head storage, emptied, to write one head into; hand it back with `keepHeadStorage`.
    func takeHeadStorage() -> [UInt8] {
        var storage: [UInt8] = []
        swap(&storage, &headStorage)
        storage.removeAll(keepingCapacity: true)  // new storage when a queued head still holds it
        return storage
    }

    /// Keeps the storage of the head just queued, to be reused once the head is sent; unless it is over
    /// 2 KiB: new storage made while a head is still queued takes the kept one's capacity, so a rare large
    /// head is not kept to be copied for every head a slow client has queued.
    func keepHeadStorage(_ storage: [UInt8]) { headStorage = storage.capacity <= 2048 ? storage : [] }

    /// Graceful stop: idle connections close now, busy ones after their current response.
    func drain() {
        for connection in registry.connections { connection.drain() }
    }

    func closeAll() {
        for connection in registry.connections { connection.close() }
    }
}

/// A loop's connections by descriptor, with the events each is watched for. Looked up for every event and
/// every response, so it is an array indexed by the descriptor, not a dictionary that hashes it: the kernel
/// hands out the lowest free descriptor, so the array stays as long as the most connections open at once.
struct Registry {
    struct Entry {
        let connection: Connection
        var interest: UInt32
    }

    private var entries: [Entry?] = []
    private(set) var count = 0

    subscript(fd: Int32) -> Entry? {
        fd >= 0 && Int(fd) < entries.count ? entries[Int(fd)] : nil
    }

    /// Every connection, as a list that stays valid while they close.
    var connections: [Connection] { entries.compactMap { $0?.connection } }

    mutating func add(_ connection: Connection, fd: Int32, interest: UInt32) {
        let index = Int(fd)
        if index >= entries.count { entries.append(contentsOf: repeatElement(nil, count: index + 1 - entries.count)) }
        if entries[index] == nil { count += 1 }
        entries[index] = Entry(connection: connection, interest: interest)
    }

    /// A no-op for a descriptor that is not registered, whatever its value.
    mutating func setInterest(_ interest: UInt32, fd: Int32) {
        guard fd >= 0, Int(fd) < entries.count else { return }
        entries[Int(fd)]?.interest = interest
    }

    mutating func remove(fd: Int32) {
        guard fd >= 0, Int(fd) < entries.count, entries[Int(fd)] != nil else { return }
        entries[Int(fd)] = nil
        count -= 1
    }
}
