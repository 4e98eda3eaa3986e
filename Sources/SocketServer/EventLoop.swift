import Dispatch
import HTTP1

/// One serial queue and the connections confined to it, with a timer that enforces their deadlines.
final class EventLoop: @unchecked Sendable {  // every stored property is confined to `queue`
    let queue: DispatchQueue
    private var connections: [ObjectIdentifier: Connection] = [:]
    private var timer: DispatchSourceTimer?
    /// One read buffer shared by the loop's connections: reads never overlap on a serial queue.
    let readBuffer = UnsafeMutableRawBufferPointer.allocate(byteCount: 64 * 1024, alignment: 16)
    private var dateSeconds = -1
    private var dateText = ""

    init(index: Int, timerResolution: Duration) {
        queue = DispatchQueue(label: "hormone-therapy-api.loop.\(index)")
        let timer = DispatchSource.makeTimerSource(queue: queue)
        let interval = timerResolution.nanoseconds
        timer.schedule(deadline: .now() + .nanoseconds(Int(interval)), repeating: .nanoseconds(Int(interval)))
        timer.setEventHandler { [unowned self] in self.checkDeadlines() }
        timer.resume()
        self.timer = timer
    }

    deinit { readBuffer.deallocate() }

    func register(_ connection: Connection) { connections[ObjectIdentifier(connection)] = connection }

    func unregister(_ connection: Connection) { connections[ObjectIdentifier(connection)] = nil }

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

    private func checkDeadlines() {
        let now = DispatchTime.now().uptimeNanoseconds
        for connection in connections.values { connection.checkDeadline(now: now) }
    }

    /// Graceful stop: idle connections close now, busy ones after their current response.
    func drain() {
        for connection in connections.values { connection.drain() }
    }

    func closeAll() {
        for connection in connections.values { connection.close() }
    }

    func stopTimer() {
        timer?.cancel()
        timer = nil
    }
}
