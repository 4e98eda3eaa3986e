import ContentModel
import Foundation

// Measures loading + validating + indexing the content directory, the memory the loaded library and its
// index hold, and search latency.
//   swift run -c release --package-path Benchmarks content-benchmark [DIR] [ROUNDS]
let arguments = CommandLine.arguments
let directory = arguments.count > 1 ? arguments[1] : "Resources"
let rounds = arguments.count > 2 ? Int(arguments[2]) ?? 50 : 50

func milliseconds(_ duration: Duration) -> Double {
    Double(duration.components.seconds) * 1000 + Double(duration.components.attoseconds) / 1e15
}

func percentile(_ values: [Double], _ p: Double) -> Double {
    let sorted = values.sorted()
    return sorted[min(sorted.count - 1, Int(Double(sorted.count - 1) * p))]
}

/// Resident memory now, from /proc/self/status.
func residentKiB() -> Int {
    guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8),
        let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmRSS:") })
    else { return 0 }
    return Int(line.split(separator: " ", omittingEmptySubsequences: true).dropFirst().first ?? "") ?? 0
}

let clock = ContinuousClock()
let baselineKiB = residentKiB()
var loadedKiB = 0
var loadTimes: [Double] = []
var parseOnly: [Double] = []
var indexOnly: [Double] = []
var library: Library?
var index: SearchIndex?
for _ in 0..<rounds {
    let start = clock.now
    do {
        let loaded = try ContentLoader.load(directory: directory)
        let middle = clock.now
        let built = SearchIndex(library: loaded)
        let end = clock.now
        loadTimes.append(milliseconds(end - start))
        parseOnly.append(milliseconds(middle - start))
        indexOnly.append(milliseconds(end - middle))
        if library == nil { loadedKiB = residentKiB() }  // the first library and index, nothing else held yet
        library = loaded
        index = built
    } catch {
        print("content-benchmark: \(error)")
        exit(1)
    }
}
guard let library, let index else { exit(1) }

var queries = library.agents.map(\.name) + library.glossary.map(\.term)
queries += ["clomid", "tamoxifin", "hypothalamic", "estrogen", "bone density loss", "ralox"]
if queries.count > 1000 {  // a large synthetic library: a spread of 1,000 of its names
    queries = stride(from: 0, to: queries.count, by: queries.count / 1000 + 1).map { queries[$0] }
}
var searchTimes: [Double] = []
var slowest: [String: Double] = [:]  // each query's slowest time, to name the costliest
for _ in 0..<(queries.count > 100 ? 3 : 20) {
    for query in queries {
        let start = clock.now
        _ = index.search(query, limit: 20)
        let micros = milliseconds(clock.now - start) * 1000
        searchTimes.append(micros)
        slowest[query] = max(slowest[query] ?? 0, micros)
    }
}
print("content: \(library.summary)")
print(
    String(
        format: "memory: library + index hold %.1f MiB (RSS %.1f MiB after the first load, %.1f MiB before)",
        Double(loadedKiB - baselineKiB) / 1024, Double(loadedKiB) / 1024, Double(baselineKiB) / 1024))
print(
    String(
        format: "load+validate+index over %d rounds: median %.2f ms, p99 %.2f ms, min %.2f ms",
        rounds, percentile(loadTimes, 0.5), percentile(loadTimes, 0.99), loadTimes.min() ?? 0))
print(
    String(
        format: "  of which load+validate median %.2f ms, index median %.2f ms",
        percentile(parseOnly, 0.5), percentile(indexOnly, 0.5)))
print(
    String(
        format: "search over %d queries: p50 %.1f µs, p99 %.1f µs",
        searchTimes.count, percentile(searchTimes, 0.5), percentile(searchTimes, 0.99)))
let costliest = slowest.sorted { $0.value > $1.value }.prefix(5)
print("  slowest: " + costliest.map { String(format: "'%@' %.0f µs", $0.key, $0.value) }.joined(separator: ", "))
