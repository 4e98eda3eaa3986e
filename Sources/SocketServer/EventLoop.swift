import CEpoll
import Dispatch
import Glibc
import HTTP1
import Threading

/// One thread running `epoll_wait` over the connections it owns: readiness events go straight to the
/// connection, with no hand-off between threads. Other threads give it work with `execute`, which
/// wakes it through an eventfd. Deadlines are checked between waits, at `timerResolution`.
final class EventLoop: @unchecked Sendable {  // all but `tasks` (locked) confined to the loop thread
    private let epoll: Int32
    private let wake: Int32
    /// Work from other threads; once the loop has ended it is closed, and takes no more.
    private struct Tasks {
        var pending: [@Sendable () -> Void] = []
        var closed = false
    }
    private let tasks = Locked(Tasks())
    private var connections: [Int32: Connection] = [:]
    private var interests: [Int32: UInt32] = [:]
    private let timerResolution: UInt64
    /// The loop's place among the server's loops (`ConnectionContext.loop`).
    let index: Int
    /// Called on the loop thread at every deadline check, about every `timerResolution`.
    private let onTick: @Sendable () -> Void
    private var lastDeadlineCheck: UInt64 = 0
    private var running = true
    private let finished = DispatchSemaphore(value: 0)
    /// One read buffer shared by the loop's connections: reads never overlap on one thread.
    let readBuffer = UnsafeMutableRawBufferPointer.allocate(byteCount: 64 * 1024, alignment: 16)
    /// Clients are waiting to be accepted: deadlines shrink to the overload timeout. Set by the server.
    var overloaded = false
    private var dateSeconds = -1
    private var dateText = ""

    init(index: Int, timerResolution: Duration, onTick: @escaping @Sendable () -> Void) {
        self.index = index
        self.onTick = onTick
        epoll = hta_epoll_create()
        wake = hta_eventfd()
        self.timerResolution = timerResolution.nanoseconds
        _ = hta_epoll_ctl(epoll, 1, wake, UInt32(HTA_EPOLLIN))
        startThread(named: "hta-loop-\(index)") { [self] in run() }
    }

    deinit {
        readBuffer.deallocate()
        Socket.close(epoll)
        Socket.close(wake)
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

    /// Ends the loop thread once its pending tasks have run; a no-op when it has ended.
    func shutdown() {
        guard execute({ [self] in running = false }) else { return }
        finished.wait()
    }

    private func run() {
        var fds = [Int32](repeating: 0, count: 256)
        var events = [UInt32](repeating: 0, count: 256)
        let timeout = Int32(max(1, timerResolution / 1_000_000))
        while running {
            let count = hta_epoll_wait(epoll, &fds, &events, 256, timeout)
            for index in 0..<max(0, Int(count)) {
                let fd = fds[index]
                if fd == wake {
                    runTasks()
                    continue
                }
                guard let connection = connections[fd] else { continue }
                let flags = events[index]
                if flags & UInt32(HTA_EPOLLERR | HTA_EPOLLHUP) != 0 {
                    // Reset, or closed both ways: nothing more can be sent or received.
                    connection.close()
                    continue
                }
                if flags & UInt32(HTA_EPOLLOUT) != 0 { connection.writable() }
                if flags & UInt32(HTA_EPOLLIN | HTA_EPOLLRDHUP) != 0, connections[fd] === connection {
                    connection.readable()
                }
            }
            let now = DispatchTime.now().uptimeNanoseconds
            if now - lastDeadlineCheck >= timerResolution {
                lastDeadlineCheck = now
                for connection in Array(connections.values) {
                    connection.checkDeadline(now: now, overloaded: overloaded)
                }
                onTick()
            }
        }
        for connection in Array(connections.values) { connection.close() }
        // Close the queue, then run what was queued before it closed: nobody waits on a task that never runs.
        let rest = tasks.withLock { tasks in
            tasks.closed = true
            defer { tasks.pending.removeAll() }
            return tasks.pending
        }
        for task in rest { task() }
        finished.signal()
    }

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

    func register(_ connection: Connection, fd: Int32) {
        connections[fd] = connection
        interests[fd] = UInt32(HTA_EPOLLIN | HTA_EPOLLRDHUP)
        _ = hta_epoll_ctl(epoll, 1, fd, UInt32(HTA_EPOLLIN | HTA_EPOLLRDHUP))
    }

    /// Sets which readiness events the loop reports for `fd`; a no-op when unchanged.
    func setInterest(_ fd: Int32, read: Bool, write: Bool) {
        let wanted = (read ? UInt32(HTA_EPOLLIN | HTA_EPOLLRDHUP) : 0) | (write ? UInt32(HTA_EPOLLOUT) : 0)
        guard interests[fd] != wanted else { return }
        interests[fd] = wanted
        _ = hta_epoll_ctl(epoll, 3, fd, wanted)
    }

    func unregister(fd: Int32) {
        connections[fd] = nil
        interests[fd] = nil
        _ = hta_epoll_ctl(epoll, 2, fd, 0)
    }

    var connectionCount: Int { connections.count }

    /// The Date header value, formatted at most once a second.
    func currentDate() -> String {
        let seconds = Socket.wallClockSeconds()
        if seconds != dateSeconds {
            dateSeconds = seconds
            dateText = HTTPDate.format(secondsSince1970: seconds)
        }
        return dateText
    }

    /// Graceful stop: idle connections close now, busy ones after their current response.
    func drain() {
        for connection in Array(connections.values) { connection.drain() }
    }

    func closeAll() {
        for connection in Array(connections.values) { connection.close() }
    }
}
