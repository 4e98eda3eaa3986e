/// Request and content metrics in the Prometheus text format (version 0.0.4). Label values are bounded:
/// routes are the route table's patterns, methods a fixed set, statuses the codes the API sends.
public final class Metrics: Sendable {
    static let buckets: [Double] = [
        0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5,
    ]

    struct RequestKey: Hashable { let route: String, method: String, status: Int }

    struct Histogram {
        var counts = [Int](repeating: 0, count: Metrics.buckets.count)
        var count = 0
        var sum = 0.0
    }

    struct State {
        var requests: [RequestKey: Int] = [:]
        var durations: [String: Histogram] = [:]
        var bytesSent = 0
        var reloads: [String: Int] = ["ok": 0, "failed": 0]
    }

    private let state = Locked(State())
    /// The closure sits in a struct: stored bare as the lock's generic value, every `withLock` reabstracted
    /// it on the way in and wrote the wrapped closure back, so each scrape nested one more thunk (the soak
    /// saw RSS climb and /metrics slow down with every request).
    private struct Gauge { let read: @Sendable () -> Int }
    private let openConnections = Locked<Gauge?>(nil)

    public init() {}

    /// Where the open-connection gauge reads from (the server, once it exists).
    public func setOpenConnections(_ read: @escaping @Sendable () -> Int) {
        openConnections.withLock { $0 = Gauge(read: read) }
    }

    func record(route: String, method: String, status: Int, bytes: Int, duration: Double) {
        state.withLock { state in
            state.requests[RequestKey(route: route, method: method, status: status), default: 0] += 1
            var histogram = state.durations[route] ?? Histogram()
            if let bucket = Self.buckets.firstIndex(where: { duration <= $0 }) { histogram.counts[bucket] += 1 }
            histogram.count += 1
            histogram.sum += duration
            state.durations[route] = histogram
            state.bytesSent += bytes
        }
    }

    public func recordReload(succeeded: Bool) {
        state.withLock { $0.reloads[succeeded ? "ok" : "failed", default: 0] += 1 }
    }

    /// The exposition text, with the content's version and load time.
    func render(snapshot: ContentSnapshot?) -> String {
        let state = state.withLock { $0 }
        var out = ""
        out += "# HELP http_requests_total Requests answered, by route, method and status.\n"
        out += "# TYPE http_requests_total counter\n"
        for (key, count) in state.requests.sorted(by: {
            ($0.key.route, $0.key.method, $0.key.status) < ($1.key.route, $1.key.method, $1.key.status)
        }) {
            out +=
                "http_requests_total{route=\"\(key.route)\",method=\"\(key.method)\",status=\"\(key.status)\"} \(count)\n"
        }
        out += "# HELP http_request_duration_seconds From a request's first byte to its response being queued.\n"
        out += "# TYPE http_request_duration_seconds histogram\n"
        for (route, histogram) in state.durations.sorted(by: { $0.key < $1.key }) {
            var cumulative = 0
            for (index, bound) in Self.buckets.enumerated() {
                cumulative += histogram.counts[index]
                out += "http_request_duration_seconds_bucket{route=\"\(route)\",le=\"\(bound)\"} \(cumulative)\n"
            }
            out += "http_request_duration_seconds_bucket{route=\"\(route)\",le=\"+Inf\"} \(histogram.count)\n"
            out += "http_request_duration_seconds_sum{route=\"\(route)\"} \(histogram.sum)\n"
            out += "http_request_duration_seconds_count{route=\"\(route)\"} \(histogram.count)\n"
        }
        out += "# HELP http_response_bytes_total Bytes queued for clients (heads and bodies).\n"
        out += "# TYPE http_response_bytes_total counter\n"
        out += "http_response_bytes_total \(state.bytesSent)\n"
        if let read = openConnections.withLock({ $0?.read }) {
            out += "# HELP http_open_connections Client connections open now.\n"
            out += "# TYPE http_open_connections gauge\n"
            out += "http_open_connections \(read())\n"
        }
        out += "# HELP content_reloads_total Content reloads (SIGHUP), by result.\n"
        out += "# TYPE content_reloads_total counter\n"
        for result in ["failed", "ok"] {
            out += "content_reloads_total{result=\"\(result)\"} \(state.reloads[result] ?? 0)\n"
        }
        if let snapshot {
            out += "# HELP content_info The content version being served.\n"
            out += "# TYPE content_info gauge\n"
            out += "content_info{version=\"\(snapshot.version)\"} 1\n"
            out += "# HELP content_loaded_timestamp_seconds When the content being served was loaded.\n"
            out += "# TYPE content_loaded_timestamp_seconds gauge\n"
            out += "content_loaded_timestamp_seconds \(snapshot.loadedAt)\n"
            out += "# HELP content_load_duration_seconds How long loading, validating and precomputing took.\n"
            out += "# TYPE content_load_duration_seconds gauge\n"
            out += "content_load_duration_seconds \(snapshot.loadDuration)\n"
        }
        return out
    }
}
