import Threading

/// Request and content metrics in the Prometheus text format (version 0.0.4). Label values are bounded:
/// routes are the route table's patterns, methods a fixed set, statuses the codes the API sends.
public final class Metrics: Sendable {
    static let buckets: [Double] = [
        0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5,
    ]

    struct RequestKey { let route: String, method: String, status: Int }

    struct Histogram {
        var counts = [Int](repeating: 0, count: Metrics.buckets.count)
        var count = 0
        var sum = 0.0

        mutating func observe(_ duration: Double) {
            if let bucket = Metrics.buckets.firstIndex(where: { duration <= $0 }) { counts[bucket] += 1 }
            count += 1
            sum += duration
        }

        mutating func add(_ other: Histogram) {
            for index in counts.indices { counts[index] += other.counts[index] }
            count += other.count
            sum += other.sum
        }
    }

    /// What one route answered: requests by method and status (a handful: the list is searched, not
    /// hashed), and their durations.
    struct RouteSeries {
        struct Count {
            let method: String
            let status: Int
            var requests: Int
        }

        var counts: [Count] = []
        var durations = Histogram()

        mutating func record(method: String, status: Int, duration: Double) {
            count(method: method, status: status, requests: 1)
            durations.observe(duration)
        }

        mutating func add(_ other: RouteSeries) {
            for count in other.counts {
                self.count(method: count.method, status: count.status, requests: count.requests)
            }
            durations.add(other.durations)
        }

        private mutating func count(method: String, status: Int, requests: Int) {
            if let index = counts.firstIndex(where: { $0.status == status && $0.method == method }) {
                counts[index].requests += requests
            } else {
                counts.append(Count(method: method, status: status, requests: requests))
            }
        }
    }

    struct State {
        /// By route: one hash a request, of the route alone.
        var routes = StringTable<RouteSeries>()
        var bytesSent = 0

        /// Every (route, method, status) once, with its count: shards are merged by then.
        var requests: [(key: RequestKey, value: Int)] {
            routes.entries.flatMap { route, series in
                series.counts.map { (RequestKey(route: route, method: $0.method, status: $0.status), $0.requests) }
            }
        }

        mutating func add(_ other: State) {
            for (route, series) in other.routes.entries {
                routes.update(route, default: RouteSeries()) { $0.add(series) }
            }
            bytesSent += other.bytesSent
        }
    }

    /// One shard per event loop: a loop records into its own, so requests on different cores never
    /// contend for a lock or a cache line; the exposition adds the shards up.
    private let shards: PerLoop<State>
    private let reloads = Locked<[String: Int]>(["ok": 0, "failed": 0])
    /// A closure in a struct: stored bare as the lock's generic value, it is reabstracted on every
    /// `withLock` and written back wrapped once more.
    private struct Gauge { let read: @Sendable () -> Int }
    private let openConnections = Locked<Gauge?>(nil)
    private let droppedLogLines = Locked<Gauge?>(nil)
    private let eventLoops = Locked<(count: Int, reason: String)?>(nil)

    public init(eventLoops: Int = 1) {
        shards = PerLoop(loops: eventLoops) { _ in State() }
    }

    /// Where the open-connection gauge reads from (the server, once it exists).
    public func setOpenConnections(_ read: @escaping @Sendable () -> Int) {
        openConnections.withLock { $0 = Gauge(read: read) }
    }

    /// Where the dropped-access-log-lines counter reads from (the access log, once it exists).
    public func setDroppedLogLines(_ read: @escaping @Sendable () -> Int) {
        droppedLogLines.withLock { $0 = Gauge(read: read) }
    }

    /// Called on event loop `loop`'s thread.
    func record(route: String, method: String, status: Int, bytes: Int, duration: Double, loop: Int) {
        shards.withLock(loop: loop) { state in
            // In place: copying the series out and back in would copy its arrays on every request.
            state.routes.update(route, default: RouteSeries()) {
                $0.record(method: method, status: status, duration: duration)
            }
            state.bytesSent += bytes
        }
    }

    /// How many event loops the server runs, and which limit decided it (`affinity`, `cgroup-quota`,
    /// `online-cpus`, `configured`).
    public func setEventLoops(_ count: Int, reason: String) { eventLoops.withLock { $0 = (count, reason) } }

    public func recordReload(succeeded: Bool) {
        reloads.withLock { $0[succeeded ? "ok" : "failed", default: 0] += 1 }
    }

    /// The exposition text, with the content's version and load time.
    func render(snapshot: ContentSnapshot?) -> String {
        var state = State()
        shards.forEach { state.add($0) }
        let reloads = reloads.withLock { $0 }
        var out = ""
        Self.family(&out, "http_requests_total", .counter, "Requests answered, by route, method and status.")
        for (key, count) in state.requests.sorted(by: {
            ($0.key.route, $0.key.method, $0.key.status) < ($1.key.route, $1.key.method, $1.key.status)
        }) {
            out +=
                "http_requests_total{route=\"\(key.route)\",method=\"\(key.method)\",status=\"\(key.status)\"} \(count)\n"
        }
        Self.family(
            &out, "http_request_duration_seconds", .histogram,
            "From a request's first byte to its response being queued.")
        for (route, histogram) in state.routes.entries.map({ ($0.key, $0.value.durations) }).sorted(by: { $0.0 < $1.0 })
        {
            var cumulative = 0
            for (index, bound) in Self.buckets.enumerated() {
                cumulative += histogram.counts[index]
                out += "http_request_duration_seconds_bucket{route=\"\(route)\",le=\"\(bound)\"} \(cumulative)\n"
            }
            out += "http_request_duration_seconds_bucket{route=\"\(route)\",le=\"+Inf\"} \(histogram.count)\n"
            out += "http_request_duration_seconds_sum{route=\"\(route)\"} \(histogram.sum)\n"
            out += "http_request_duration_seconds_count{route=\"\(route)\"} \(histogram.count)\n"
        }
        Self.family(&out, "http_response_bytes_total", .counter, "Bytes queued for clients (heads and bodies).")
        out += "http_response_bytes_total \(state.bytesSent)\n"
        if let read = openConnections.withLock({ $0?.read }) {
            Self.family(&out, "http_open_connections", .gauge, "Client connections open now.")
            out += "http_open_connections \(read())\n"
        }
        if let read = droppedLogLines.withLock({ $0?.read }) {
            Self.family(
                &out, "access_log_dropped_lines_total", .counter,
                "Access log lines dropped because standard output could not take them in time.")
            out += "access_log_dropped_lines_total \(read())\n"
        }
        if let loops = eventLoops.withLock({ $0 }) {
            Self.family(
                &out, "event_loops", .gauge, "Event loops the server runs, labelled with what decided how many.")
            out += "event_loops{reason=\"\(loops.reason)\"} \(loops.count)\n"
        }
        Self.family(&out, "content_reloads_total", .counter, "Content reloads (SIGHUP), by result.")
        for result in ["failed", "ok"] {
            out += "content_reloads_total{result=\"\(result)\"} \(reloads[result] ?? 0)\n"
        }
        if let snapshot {
            Self.family(&out, "content_info", .gauge, "The content version being served.")
            out += "content_info{version=\"\(snapshot.version)\"} 1\n"
            Self.family(&out, "content_loaded_timestamp_seconds", .gauge, "When the content being served was loaded.")
            out += "content_loaded_timestamp_seconds \(snapshot.loadedAt)\n"
            Self.family(
                &out, "content_load_duration_seconds", .gauge, "How long loading, validating and precomputing took.")
            out += "content_load_duration_seconds \(snapshot.loadDuration)\n"
        }
        return out
    }

    enum Kind: String { case counter, gauge, histogram }

    /// A metric family's `# HELP` and `# TYPE` lines.
    private static func family(_ out: inout String, _ name: String, _ kind: Kind, _ help: String) {
        out += "# HELP \(name) \(help)\n# TYPE \(name) \(kind.rawValue)\n"
    }
}
