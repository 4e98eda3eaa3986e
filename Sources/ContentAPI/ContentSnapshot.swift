import ContentModel
import Dispatch
import FoundationEssentials
import HTTP1
import JSON
import Synchronization
import Threading

/// One loaded version of the content with every default representation precomputed: the request hot
/// path is a table lookup (`StringTable`). Immutable; a reload builds a new snapshot and swaps it in whole.
public final class ContentSnapshot: Sendable {
    public let service: ContentService
    /// Canonical path (no query) → its representation, compact JSON.
    let representations: StringTable<Representation>
    let openAPI: Representation?
    public let loadedAt: Double
    /// Representations computed for requests with a query, by the query's canonical form (`path?a=1&b=2`),
    /// so every spelling of a query and every loop shares one. Emptied when full; each emptying starts a
    /// new generation.
    private let queryCache = Locked<[String: Representation]>([:])
    private let generation = Atomic<Int>(0)
    /// Per event loop, the same representations by request target as received: a client repeating its
    /// query is answered before the query is parsed, under a lock no other loop takes. Only entries of
    /// the current generation are kept, so these hold nothing the shared cache has let go of for long.
    private let targetCaches: PerLoop<TargetCache>

    struct TargetCache {
        var entries: [String: Representation] = [:]
        var generation = 0
        /// The entry found or kept last: a target asked again and again (a popular query, a client
        /// polling) is compared with it before it is hashed. Keys are clients' text, so `entries` keeps
        /// Dictionary's seeded hash; this spares it for the same target twice in a row.
        var last: (target: String, representation: Representation)?
    }
    /// Seconds spent loading, validating and precomputing this snapshot (the caller measures loading).
    public let loadDuration: Double

    /// `openAPI` is the spec's bytes, served at /openapi.yaml.
    /// Builds every default representation, or throws a problem for each path that does not render, so
    /// that a reload refuses content the service could not serve instead of stopping the process.
    public convenience init(
        library: Library, basePath: String = "", openAPI: [UInt8]?, loadedAt: Double, loadDuration: Double = 0,
        eventLoops: Int = 1
    ) throws(InvalidContent) {
        try self.init(
            library: library, basePath: basePath, openAPI: openAPI, loadedAt: loadedAt, loadDuration: loadDuration,
            eventLoops: eventLoops,
            render: { handler, service, request throws(APIError) in try handler(service, request) })
    }

    /// How a precomputed path is rendered: the endpoint's handler, or in tests one that fails on purpose.
    typealias Render = @Sendable (Endpoint.Handler, ContentService, EndpointRequest) throws(APIError) -> Body

    init(
        library: Library, basePath: String = "", openAPI: [UInt8]?, loadedAt: Double, loadDuration: Double = 0,
        eventLoops: Int = 1, render: Render
    ) throws(InvalidContent) {
        targetCaches = PerLoop(loops: eventLoops) { _ in TargetCache() }
        let service = ContentService(library: library, basePath: basePath)
        let common = HTTPHeaders(
            [
                ("Cache-Control", Self.cacheControl), ("Last-Modified", service.lastModified),
                ("X-Content-Version", library.version),
            ] + APIResponder.everyResponse)
        self.service = service
        // The spec's representation (120 KB compressed at the best level) is made beside the content's.
        let spec = Pending(named: "hta-openapi") {
            openAPI.map {
                Representation(
                    contentType: "application/yaml", bytes: Self.servedAt(basePath, spec: $0), common: common)
            }
        }
        let (representations, failures) = Self.precompute(service, common: common, render: render)
        guard failures.isEmpty else { throw InvalidContent(problems: failures) }
        self.representations = StringTable(representations.lazy.map { ($0.key, $0.value) })
        self.commonHeaders = common
        self.openAPI = spec.value()
        self.loadedAt = loadedAt
        self.loadDuration = loadDuration
    }

    public var version: String { service.library.version }

    /// The spec with its `servers` entry naming where it is served: behind a base path, a relative URL
    /// (`/api`) that a client resolves against the URL it fetched the spec from.
    static func servedAt(_ basePath: String, spec: [UInt8]) -> [UInt8] {
        let local = Array("servers:\n  - url: http://localhost:8080\n".utf8)
        guard !basePath.isEmpty, let start = spec.firstRange(of: local)?.lowerBound else { return spec }
        return Array(spec[..<start]) + Array("servers:\n  - url: \(basePath)\n".utf8)
            + Array(spec[(start + local.count)...])
    }

    /// `Cache-Control` of every content response.
    static let cacheControl = "max-age=300"
    /// The headers every content response carries.
    let commonHeaders: HTTPHeaders

    /// A precomputed default representation, when `path` is one.
    func representation(forPath path: String) -> Representation? { representations[path] }

    /// Every endpoint's default representations, encoded and compressed on all cores: at 100 times our
    /// content that is most of the start-up (and reload) time. Each worker takes the next path as it
    /// finishes one, shortest paths first: the whole-library and list paths are the long ones (the export
    /// alone is a quarter of the work), and taken last by one worker they would leave the other idle. A
    /// path that does not render is a problem returned beside them, never a trap: a reload must be able to
    /// refuse it.
    private static func precompute(_ service: ContentService, common: HTTPHeaders, render: Render) -> (
        [String: Representation], [ContentProblem]
    ) {
        let paths = canonicalPaths(service).enumerated().sorted { left, right in
            let (l, r) = (
                left.element.utf8.count { $0 == UInt8(ascii: "/") },
                right.element.utf8.count { $0 == UInt8(ascii: "/") }
            )
            return l != r ? l < r : left.offset < right.offset
        }.map(\.element)
        let workers = max(1, min(ProcessInfo.processInfo.activeProcessorCount, paths.count / 8))
        let next = Atomic<Int>(0)
        let results = Locked<(representations: [String: Representation], failures: [ContentProblem])>(([:], []))
        DispatchQueue.concurrentPerform(iterations: workers) { _ in
            var mine: [String: Representation] = [:]
            var failures: [ContentProblem] = []
            func fail(_ path: String, _ message: String) {
                failures.append(ContentProblem(file: "(served paths)", path: path, message: message))
            }
            while case let index = next.add(1, ordering: .relaxed).oldValue, index < paths.count {
                let path = paths[index]
                guard let (endpoint, parameters) = service.routes.find(path) else {
                    fail(path, "a canonical path with no endpoint")
                    continue
                }
                let handler: Endpoint.Handler
                let request: EndpointRequest
                switch endpoint.answer {
                case .content(let content):
                    handler = content
                    request = EndpointRequest(path: parameters, query: .empty, fhir: nil)
                case .fhir(let fhir):
                    handler = fhir
                    request = EndpointRequest(path: parameters, query: .empty, fhir: .plain)
                case .health, .readiness, .metrics, .openAPI:
                    fail(path, "a canonical path that is not content")
                    continue
                }
                do {
                    var representation = representation(
                        of: try render(handler, service, request), pretty: false, order: service.library.keyOrder,
                        common: common)
                    representation.endpoint = endpoint.pattern
                    mine[path] = representation
                } catch {
                    fail(path, "does not render: \(error)")
                }
            }
            results.withLock {
                $0.representations.merge(mine) { first, _ in first }
                $0.failures += failures
            }
        }
        return results.withLock { ($0.representations, $0.failures) }
    }

    /// Every concrete path with a default representation, endpoint by endpoint.
    static func canonicalPaths(_ service: ContentService) -> [String] {
        service.routes.endpoints.flatMap { $0.canonicalPaths(service) }
    }

    /// Representations computed for requests with a query, kept with the content they were computed
    /// from: a reload starts a new snapshot with empty caches, and a request still running on the old
    /// snapshot can only fill the old one. `key` is the query's canonical form. The cache holds at most
    /// `limit` entries, and starts again empty when full.
    func cached(_ key: String, limit: Int, compute: () throws(APIError) -> Representation) throws(APIError)
        -> Representation
    {
        if let hit = queryCache.withLock({ $0[key] }) { return hit }
        let representation = try compute()
        queryCache.withLock { cache in
            if cache.count >= limit {
                cache.removeAll(keepingCapacity: true)
                generation.add(1, ordering: .releasing)
            }
            cache[key] = representation
        }
        return representation
    }

    /// Keeps `representation` on `loop` for `target`, the request target that asked for it, for
    /// `cached(target:loop:)`; at most `limit` targets per loop.
    func remember(_ representation: Representation, target: String, loop: Int, limit: Int) {
        let current = generation.load(ordering: .acquiring)
        targetCaches.withLock(loop: loop) { cache in
            if cache.generation != current || cache.entries.count >= limit {
                cache = TargetCache(generation: current)
            }
            cache.entries[target] = representation
            cache.last = (target, representation)
        }
    }

    /// The representation kept on this loop for exactly this request target, if still current.
    func cached(target: String, loop: Int) -> Representation? {
        let current = generation.load(ordering: .acquiring)
        return targetCaches.withLock(loop: loop) { cache in
            guard cache.generation == current else {
                cache = TargetCache(generation: current)
                return nil
            }
            if let last = cache.last, last.target == target { return last.representation }
            guard let found = cache.entries[target] else { return nil }
            cache.last = (target, found)
            return found
        }
    }

    /// A computed body's representation, with this content's key order and common headers.
    func representation(of body: Body, pretty: Bool) -> Representation {
        Self.representation(of: body, pretty: pretty, order: service.library.keyOrder, common: commonHeaders)
    }

    /// The body's bytes: JSON with its keys in `order` (the schemas'), and like every JSON body this
    /// server writes, ending in a newline, so a terminal prompt starts on a line of its own.
    static func representation(of body: Body, pretty: Bool, order: KeyOrder, common: HTTPHeaders) -> Representation {
        switch body {
        case .json(let value, let link, let location):
            var bytes = value.ordered(by: order).encoded(pretty: pretty)
            bytes.append(UInt8(ascii: "\n"))
            return Representation(
                contentType: "application/json", bytes: bytes, link: link, contentLocation: location, common: common)
        case .bytes(let bytes, let contentType):
            return Representation(contentType: contentType, bytes: bytes, common: common)
        case .fhir(let value, let prettyFHIR, let version):
            var bytes = value.encoded(pretty: prettyFHIR)
            bytes.append(UInt8(ascii: "\n"))
            // The representation depends on `Accept` too (fhirVersion, XML refused): caches must key on it.
            var headers = common
            headers.set("Vary", "Accept, Accept-Encoding")
            return Representation(
                contentType: FHIRView.contentType, bytes: bytes, common: headers,
                tag: version.map { "W/\"\($0)\"" })
        }
    }
}
