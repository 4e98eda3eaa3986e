import ContentAPI
import ContentModel
import HTTP1

// The user-space cost of a request without sockets, stage by stage, as an event loop spends it: the
// request's bytes parsed; answered by the API; its response head encoded; the response recorded
// (metrics; the access log off). Each column adds a stage to the one before, in ns per request (the
// best of five runs). The rest of a request's CPU is the kernel's and the event loop's.
//   swift run -c release --package-path Benchmarks request-pipeline-benchmark [DIR] [REQUESTS] [TARGET ...]
let arguments = CommandLine.arguments
let directory = arguments.count > 1 ? arguments[1] : "Resources"
let requests = arguments.count > 2 ? Int(arguments[2]) ?? 300_000 : 300_000
let targets =
    arguments.count > 3
    ? Array(arguments[3...]) : ["/v1/agents/tamoxifen", "/v1/search?q=estrogen", "/v1/glossary", "/healthz"]

let library = try ContentLoader.load(directory: directory)
let snapshot = try ContentSnapshot(library: library, basePath: "", openAPI: nil, loadedAt: 0, loadDuration: 0)
let responder = APIResponder(snapshot: snapshot)
let context = ConnectionContext(remoteAddress: "127.0.0.1", receivedAt: 0, loop: 0)
let clock = ContinuousClock()
let date = ResponseHead.DateField("Sun, 29 Nov 2026 16:00:00 GMT")  // a loop encodes it once a second

enum Stage: Int, CaseIterable {
    case parse = 1, respond, head, record
}

/// `count` requests for `target`, as wrk sends them, through the stages up to `last`.
func nanosecondsPerRequest(_ target: String, through last: Stage, count: Int) -> Double {
    // Benchmarks/run gives wrk `-H "Accept-Encoding: identity"`, so that header is in every request it sends.
    let wire = Array("GET \(target) HTTP/1.1\r\nHost: 127.0.0.1:8080\r\nAccept-Encoding: identity\r\n\r\n".utf8)
    var best = Double.infinity
    for _ in 0..<5 {
        var parser = RequestParser()
        let start = clock.now
        for _ in 0..<count {
            wire.withUnsafeBytes { parser.append($0) }
            guard let request = try? parser.nextRequest() else { fatalError("\(target) did not parse") }
            guard last.rawValue >= Stage.respond.rawValue else { continue }
            let response = responder.respond(to: request, context: context)
            guard last.rawValue >= Stage.head.rawValue else { continue }
            let head = ResponseHead.bytes(for: response, date: date, connection: .keepAlive)
            guard last == .record else { continue }
            let record = ResponseRecord(bytes: head.count + response.body.count, duration: 0.0001, context: context)
            responder.didRespond(to: request, with: response, record: record)
        }
        let elapsed = (clock.now - start).components
        best = min(best, (Double(elapsed.seconds) * 1e9 + Double(elapsed.attoseconds) / 1e9) / Double(count))
    }
    return best
}

print("target\tparse\t+respond\t+head\t+record (ns/request)")
for target in targets {
    let columns = Stage.allCases.map { String(Int(nanosecondsPerRequest(target, through: $0, count: requests))) }
    print(([target] + columns).joined(separator: "\t"))
}
