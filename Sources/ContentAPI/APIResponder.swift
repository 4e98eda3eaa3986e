import AccessLogging
import ContentModel
import HTTP1
import Synchronization
import Threading

/// The API behind the HTTP server: routes a request, picks or computes its representation, and applies
/// HTTP semantics (conditional requests, gzip negotiation, CORS, caching headers, request ids).
public final class APIResponder: HTTPResponder, Sendable {
    public struct Options: Sendable {
        /// Representations computed for requests with a query are kept, up to this many (and, per event
        /// loop, up to this many request targets that asked for them).
        public var dynamicCacheEntries = 1024
        /// Path prefix the API is served under (e.g. `/api` behind a proxy); every emitted link has it.
        /// `/healthz`, `/readyz` and `/metrics` also answer without it, for probes and scrapers.
        public var basePath = ""
        /// Peers whose `X-Forwarded-For` names the client in the access log.
        public var trustedProxies = TrustedProxies.none
        /// How many event loops call in (`ConnectionContext.loop` is below it): state kept per loop.
        public var eventLoops = 1
        /// The docs page (`/docs`), or why there is none; nil: started without one.
        public var docs: Result<DocsSite, DocsSite.Missing>?

        public init() {}
    }

    public let metrics: Metrics
    private let accessLog: (any AccessLogger)?

    /// What every loop serves from. Changed under its lock, which also bumps `version`; each loop keeps a
    /// copy (`views`) that it compares with `version` on every request, one atomic load, and refreshes
    /// under the lock only when a change came. Loops never take a lock to answer, nor share a written
    /// cache line.
    private let shared: Locked<State>
    private let version = Atomic<Int>(0)
    private let views: LoopConfined<View>
    let options: Options

    struct State {
        var snapshot: ContentSnapshot?
        var draining = false
        /// Bumped, under the lock, by every change.
        var version = 0
    }

    /// A loop's copy of `shared`, as of `state.version`.
    private final class View {
        var state: State

        init(_ state: State) { self.state = state }
    }

    /// `accessLog` gets one record per response, on the event loop that answered; whoever runs the loops
    /// ticks it (`HTTPServer`'s `tick`), or a loop's lines wait until its buffer holds a full batch.
    public init(snapshot: ContentSnapshot?, options: Options = Options(), accessLog: (any AccessLogger)? = nil) {
        shared = Locked(State(snapshot: snapshot))
        views = LoopConfined(loops: options.eventLoops) { _ in View(State(snapshot: snapshot)) }
        self.options = options
        self.accessLog = accessLog
        metrics = Metrics(eventLoops: options.eventLoops)
    }

    /// The content being served.
    public var snapshot: ContentSnapshot? { shared.withLock { $0.snapshot } }

    /// Swaps in new content (with its own, empty query cache); each loop takes it at its next request or
    /// timer tick (`refresh`). Requests already running finish on the version they started with.
    public func replace(_ snapshot: ContentSnapshot) {
        change { $0.snapshot = snapshot }
    }

    /// From now on /readyz answers 503, so load balancers stop sending traffic.
    public func beginDraining() {
        change { $0.draining = true }
    }

    private func change(_ body: (inout State) -> Void) {
        shared.withLock { state in
            body(&state)
            state.version += 1
            // Stored under the lock: a loop that sees the new number and takes the lock finds this state.
            version.store(state.version, ordering: .releasing)
        }
    }

    /// Brings loop `loop`'s copy of the state up to date; call it on that loop's thread. Each loop calls it
    /// at its timer tick, so a loop without requests lets go of a replaced snapshot (and its caches)
    /// within a tick too, rather than at its next request.
    public func refresh(loop: Int) { _ = state(loop: loop) }

    /// Loop `loop`'s copy of the state, brought up to date first if a change came since it last looked.
    /// The copy is confined to the loop, unlocked: a thread that runs no loop may call in for a loop
    /// (tests do, for loop 0) only while no loop runs it and nothing changes the state meanwhile.
    private func state(loop: Int) -> State {
        let view = views.on(loop: loop)
        if view.state.version != version.load(ordering: .acquiring) { view.state = shared.withLock { $0 } }
        return view.state
    }

    /// What a request resolved to: a representation, which `deliver` presents (validators, content
    /// coding), or a response made for this request alone (probes, metrics, preflight, problems).
    enum Answer {
        case representation(Representation, route: String)
        case response(HTTPResponse)
    }

    /// Every response takes one pipeline: resolve (the snapshot's caches, else routing and computing),
    /// then `deliver`. Only how a representation is found differs between a repeated request and a new one;
    /// a representation found in the caches goes to `present`, `deliver`'s stage for representations.
    public func respond(to request: HTTPRequest, context: ConnectionContext) -> HTTPResponse {
        let state = state(loop: context.loop)
        let (snapshot, draining) = (state.snapshot, state.draining)
        if let snapshot, let representation = known(request, snapshot, loop: context.loop) {
            // Straight to `present`: no `Answer` to wrap, match and copy the response out of.
            return Self.present(representation, route: representation.endpoint, to: request.headers)
        }
        let answer: Answer
        do {
            answer = try route(request, context: context, snapshot: snapshot, draining: draining)
        } catch {
            // Under /fhir, the base included, every error is an OperationOutcome.
            let path = apiPath(request.path)
            answer = .response(problem(error, fhir: path == "/fhir" || path?.hasPrefix("/fhir/") == true))
        }
        return deliver(answer, to: request.headers, snapshot: snapshot)
    }

    public func respond(to error: HTTPParseError, context: ConnectionContext) -> HTTPResponse {
        deliver(.response(problem(.malformed(error))), to: HTTPHeaders(), snapshot: nil)
    }

    /// The stages every response passes, in order: (1) a representation becomes a 200 in the encoding
    /// the client takes, or a 304 when its validators match, with the header lines encoded at load
    /// (caching, `Vary`, CORS, version: `present`); (2) any other response gets those shared headers here;
    /// (3) every response gets its request id (`requestID`, in `present` too). A rule for every response
    /// is added here and to `present`, which every representation passes.
    private func deliver(_ answer: Answer, to request: HTTPHeaders, snapshot: ContentSnapshot?) -> HTTPResponse {
        switch answer {
        case .representation(let representation, let route):
            return Self.present(representation, route: route, to: request)
        case .response(var response):
            for (name, value) in Self.everyResponse { response.headers.add(name, value) }
            if let snapshot { response.headers.add("X-Content-Version", snapshot.version) }
            response.requestID = Self.requestID(request)
            return response
        }
    }

    /// Stages (1) and (3) of `deliver` for a representation: the path of almost every request.
    private static func present(_ representation: Representation, route: String, to request: HTTPHeaders)
        -> HTTPResponse
    {
        representation.response(to: request, route: route, requestID: requestID(request))
    }

    /// The client's `X-Request-Id` when it is safe to repeat, else a new one.
    private static func requestID(_ request: HTTPHeaders) -> String {
        RequestID.sanitized(request[.xRequestID]) ?? RequestID.generate()
    }

    /// A representation found without routing: a GET or HEAD of a precomputed path, or of a request
    /// target this loop has answered from its query cache before. FHIR only to a client that takes it.
    private func known(_ request: HTTPRequest, _ snapshot: ContentSnapshot, loop: Int) -> Representation? {
        guard request.method == .get || request.method == .head,
            let representation = ready(request, snapshot, loop: loop),
            !representation.isFHIR || Negotiation.acceptsFHIRJSON(request.headers)
        else { return nil }
        return representation
    }

    /// The precomputed representation of a request without a query, or the one this loop answered the
    /// same target with before.
    private func ready(_ request: HTTPRequest, _ snapshot: ContentSnapshot, loop: Int) -> Representation? {
        guard request.query != nil else {
            guard let path = apiPath(request.path) else { return nil }
            return snapshot.representation(forPath: path)
        }
        return snapshot.cached(target: request.target, loop: loop)
    }

    /// The request's path inside the API: the base path removed. Operational routes answer without it.
    func apiPath(_ path: String) -> String? {
        let base = options.basePath
        if base.isEmpty || path == "*" { return path }
        if path == base { return "/" }
        if path.hasPrefix(base + "/") { return String(path.dropFirst(base.count)) }
        return ["/healthz", "/readyz", "/metrics"].contains(path) ? path : nil
    }

    private func route(
        _ request: HTTPRequest, context: ConnectionContext, snapshot: ContentSnapshot?, draining: Bool
    ) throws(APIError)
        -> Answer
    {
        guard request.method.isRecognised else { throw .notImplemented(method: request.method.rawValue) }
        if request.path == "*" {
            return .response(HTTPResponse(status: .noContent, headers: HTTPHeaders([("Allow", Endpoint.allowHeader)])))
        }
        let path = apiPath(request.path)
        if let path, path == "/docs" || path.hasPrefix("/docs/") {
            guard request.method != .options else { return .response(preflight(request)) }
            return .representation(try docs(request, path: path), route: "/docs")
        }
        let routes = snapshot?.service.routes ?? .fixed
        guard let path, let (endpoint, parameters) = routes.find(path) else {
            throw .noRoute(
                path: request.path,
                suggestions: Self.routeSuggestions(for: request.path, basePath: options.basePath, routes: routes))
        }
        var request = request
        request.path = path
        switch request.method {
        case .get, .head: break
        case .options: return .response(preflight(request))
        default: throw .methodNotAllowed(path: request.path, allowed: Endpoint.methods)
        }
        // A representation carries its route already; a response made here is given it.
        let answered = try answer(endpoint, parameters, request, context, snapshot: snapshot, draining: draining)
        guard case .response(var response) = answered else { return answered }
        response.route = endpoint.pattern
        return .response(response)
    }

    private func answer(
        _ endpoint: Endpoint, _ parameters: [String: String], _ request: HTTPRequest, _ context: ConnectionContext,
        snapshot: ContentSnapshot?, draining: Bool
    ) throws(APIError) -> Answer {
        switch endpoint.answer {
        case .health:
            _ = try QueryParameters(request.query, allowed: endpoint.parameters)
            return .response(Self.plainJSON(#"{"status":"ok"}"#, status: .ok))
        case .readiness:
            _ = try QueryParameters(request.query, allowed: endpoint.parameters)
            guard let snapshot else { throw .notReady(reason: "Content is not loaded yet.") }
            if draining { throw .notReady(reason: "The server is shutting down.") }
            return .response(
                Self.plainJSON(#"{"status":"ready","contentVersion":"\#(snapshot.version)"}"#, status: .ok))
        case .metrics:
            _ = try QueryParameters(request.query, allowed: endpoint.parameters)
            return .response(
                HTTPResponse(
                    status: .ok,
                    headers: HTTPHeaders([
                        ("Content-Type", "text/plain; version=0.0.4; charset=utf-8"), ("Cache-Control", "no-store"),
                    ]),
                    body: Array(metrics.render(snapshot: snapshot).utf8)))
        case .openAPI:
            _ = try QueryParameters(request.query, allowed: endpoint.parameters)
            guard let snapshot else { throw .notReady(reason: "Content is not loaded yet.") }
            guard let spec = snapshot.openAPI else { throw .noRoute(path: request.path, suggestions: []) }
            return .representation(spec, route: endpoint.pattern)
        case .content(let handler):
            guard let snapshot else { throw .notReady(reason: "Content is not loaded yet.") }
            return .representation(
                try content(endpoint, handler, parameters, request, context, snapshot), route: endpoint.pattern)
        case .fhir(let handler):
            guard let snapshot else { throw .notReady(reason: "Content is not loaded yet.") }
            return .representation(try fhir(handler, parameters, request, context, snapshot), route: endpoint.pattern)
        }
    }

    /// The docs page or one of its files: GET and HEAD (OPTIONS is routed before), no query, an ETag for
    /// each encoding.
    private func docs(_ request: HTTPRequest, path: String) throws(APIError) -> Representation {
        guard request.method == .get || request.method == .head else {
            throw .methodNotAllowed(path: request.path, allowed: Endpoint.methods)
        }
        _ = try QueryParameters(request.query, allowed: [])
        let site: DocsSite
        switch options.docs {
        case .success(let ready)?: site = ready
        case .failure(let missing)?: throw .docsUnavailable(reason: "The docs page is not installed: \(missing).")
        case nil: throw .docsUnavailable(reason: "This server was started without a docs page.")
        }
        guard let file = site.file(at: path) else {
            throw .noRoute(
                path: request.path,
                suggestions: ContentService.suggestions(for: path, among: site.paths).map { options.basePath + $0 })
        }
        return file
    }

    /// The concrete path of `pattern` with `parameters` filled in.
    static func path(_ pattern: String, _ parameters: [String: String]) -> String? {
        var parts: [String] = []
        for segment in pattern.split(separator: "/") {
            guard segment.hasPrefix("{") else {
                parts.append(String(segment))
                continue
            }
            guard let value = parameters[String(segment.dropFirst().dropLast())], !value.contains("/") else {
                return nil
            }
            parts.append(value)
        }
        return "/" + parts.joined(separator: "/")
    }

    /// A FHIR read or search. Only JSON is acceptable; a read without a query is precomputed; a search
    /// depends on where the client reached us (its links are absolute), so that is part of its cache key.
    private func fhir(
        _ handler: Endpoint.Handler, _ parameters: [String: String], _ request: HTTPRequest,
        _ context: ConnectionContext, _ snapshot: ContentSnapshot
    ) throws(APIError) -> Representation {
        // `_format` overrides `Accept` (R5 §3.2.0.9); the handler refuses any format but JSON.
        if !FHIRQuery.names(in: request.query).contains("_format"), !Negotiation.acceptsFHIRJSON(request.headers) {
            throw .notAcceptable(detail: "This server serves FHIR R5 as application/fhir+json only (fhirVersion=5.0).")
        }
        let lenient = request.headers.values(.prefer).contains { $0.lowercased().contains("handling=lenient") }
        if request.query == nil || request.query == "", !lenient,
            let ready = snapshot.representation(forPath: request.path)
        {
            return ready
        }
        let origin = self.origin(request, context)
        let fhirRequest = FHIRRequest(origin: origin, lenient: lenient, query: request.query)
        let key = "\(lenient ? "lenient " : "")\(origin)\(request.path)?\(request.query ?? "")"
        return try snapshot.cached(key, limit: options.dynamicCacheEntries) { () throws(APIError) -> Representation in
            let body = try handler(
                snapshot.service, EndpointRequest(path: parameters, query: .empty, fhir: fhirRequest))
            return snapshot.representation(of: body, pretty: false)
        }
    }

    /// `scheme://host` as the client reached us: `X-Forwarded-Proto` and `X-Forwarded-Host` count only
    /// from a trusted proxy.
    func origin(_ request: HTTPRequest, _ context: ConnectionContext) -> String {
        var scheme = "http"
        var host = request.headers[.host] ?? "localhost"
        if options.trustedProxies.trusts(context.remoteAddress) {
            if let proto = request.headers["x-forwarded-proto"]?.split(separator: ",").first?.trimmingOWS(),
                proto == "http" || proto == "https"
            {
                scheme = String(proto)
            }
            if let forwarded = request.headers["x-forwarded-host"]?.split(separator: ",").first?.trimmingOWS(),
                !forwarded.isEmpty, forwarded.allSatisfy({ $0.isLetter || $0.isNumber || ".-:[]".contains($0) })
            {
                host = String(forwarded)
            }
        }
        return "\(scheme)://\(host)"
    }

    /// The precomputed representation for a plain request; otherwise computed and kept for next time.
    private func content(
        _ endpoint: Endpoint, _ handler: Endpoint.Handler, _ parameters: [String: String], _ request: HTTPRequest,
        _ context: ConnectionContext, _ snapshot: ContentSnapshot
    ) throws(APIError) -> Representation {
        if request.query == nil || request.query == "", let ready = snapshot.representation(forPath: request.path) {
            return ready
        }
        // Ids are lower-case slugs, matched case-insensitively: `/v1/tissues/Breast` is the breast record,
        // with `Content-Location` naming its canonical URL.
        let parameters = parameters.mapValues { $0.lowercased() }
        if request.query == nil || request.query == "",
            let canonical = Self.path(endpoint.pattern, parameters),
            let ready = snapshot.representation(forPath: canonical)
        {
            return ready.withContentLocation(options.basePath + canonical)
        }
        // The same target again (a client repeating its query) is found before the query is parsed.
        if let repeated = snapshot.cached(target: request.target, loop: context.loop) { return repeated }
        let query = try QueryParameters(request.query, allowed: endpoint.parameters)
        var representation = try snapshot.cached(
            request.path + "?" + query.canonical, limit: options.dynamicCacheEntries
        ) { () throws(APIError) -> Representation in
            let pretty = try query.flag("pretty")
            let body = try handler(snapshot.service, EndpointRequest(path: parameters, query: query, fhir: nil))
            var representation = snapshot.representation(of: body, pretty: pretty)
            if !pretty, query.isEmpty, case .json(_, _, let location?) = body,
                let canonical = snapshot.representation(
                    forPath: String(location.dropFirst(snapshot.service.basePath.count)))
            {
                representation = canonical.withContentLocation(location)
            }
            return representation
        }
        // Kept with its route, so that `known` can answer the same target again without routing.
        representation.endpoint = endpoint.pattern
        snapshot.remember(
            representation, target: request.target, loop: context.loop, limit: options.dynamicCacheEntries)
        return representation
    }

    /// CORS preflight (or a plain OPTIONS): what this resource allows.
    private func preflight(_ request: HTTPRequest) -> HTTPResponse {
        var headers = HTTPHeaders([("Allow", Endpoint.allowHeader)])
        if request.headers.contains(.origin), request.headers.contains("access-control-request-method") {
            headers.add("Access-Control-Allow-Methods", Endpoint.allowHeader)
            headers.add(
                "Access-Control-Allow-Headers",
                "Accept, Accept-Encoding, If-None-Match, If-Modified-Since, X-Request-Id, traceparent")
            headers.add("Access-Control-Max-Age", "86400")
        }
        return HTTPResponse(status: .noContent, headers: headers)
    }

    /// The error as problem+json, or as a FHIR `OperationOutcome` under `/fhir`.
    private func problem(_ error: APIError, fhir: Bool = false) -> HTTPResponse {
        var headers = HTTPHeaders([
            ("Content-Type", fhir ? FHIRView.contentType : "application/problem+json"), ("Cache-Control", "no-store"),
        ])
        if case .methodNotAllowed(_, let allowed) = error { headers.add("Allow", allowed.joined(separator: ", ")) }
        if case .notReady = error { headers.add("Retry-After", "1") }
        return HTTPResponse(
            status: error.status, headers: headers,
            body: (fhir ? error.operationOutcome : error.problem(basePath: options.basePath)).encoded() + [0x0A])
    }

    private static func plainJSON(_ text: String, status: HTTPStatus) -> HTTPResponse {
        HTTPResponse(
            status: status,
            headers: HTTPHeaders([("Content-Type", "application/json"), ("Cache-Control", "no-store")]),
            body: Array((text + "\n").utf8))
    }

    /// Routes within two edits of an unknown path, e.g. `/v1/agent` → `/v1/agents`.
    static func routeSuggestions(for path: String, basePath: String, routes: Routes) -> [String] {
        let literal = routes.literalPatterns.map { basePath + $0 }
        return ContentService.suggestions(for: path, among: literal)
    }

    /// Metrics and the access log, once the response is queued.
    public func didRespond(to request: HTTPRequest?, with response: HTTPResponse, record: ResponseRecord) {
        let route: String
        if !response.route.isEmpty {
            route = response.route
        } else if let request {
            let routes = state(loop: record.context.loop).snapshot?.service.routes ?? .fixed
            route = apiPath(request.path).flatMap { routes.find($0)?.0.pattern } ?? "unmatched"
        } else {
            route = "invalid"
        }
        let method = request.map { $0.method.isRecognised ? $0.method.rawValue : "other" } ?? "unknown"
        metrics.record(
            route: route, method: method, status: response.status.code, bytes: record.bytes, duration: record.duration,
            loop: record.context.loop)
        guard let accessLog else { return }
        accessLog.log(
            AccessRecord(
                time: record.context.receivedAt, requestID: response.requestID,
                traceID: RequestID.traceID(traceparent: request?.headers[.traceparent]),
                client: options.trustedProxies.client(
                    peer: record.context.remoteAddress, forwardedFor: request?.headers.values(.xForwardedFor) ?? []),
                method: request?.method.rawValue ?? "-", path: request?.path ?? "-", query: request?.query,
                status: response.status.code, bytes: record.bytes, duration: record.duration,
                userAgent: request?.headers[.userAgent]), loop: record.context.loop)
    }

    /// The headers every response carries (with its `X-Request-Id`): said once, here.
    static let everyResponse = [
        ("Vary", "Accept-Encoding"), ("Access-Control-Allow-Origin", "*"),
        ("Access-Control-Expose-Headers", "ETag, Link, Content-Location, X-Request-Id, X-Content-Version"),
    ]
}
