// Compiled by scripts/fuzz into the ContentAPI module (with HTTP1, JSON and ContentModel built as modules), so
// it reaches the module's internals: the query-string parser and the parameter checks behind every route.
import ContentModel
import Glibc
import HTTP1
import JSON

/// libFuzzer entry point for the query string and the parameters of every route. The first byte picks a
/// path, the second how it is asked (GET/HEAD, gzip, a validator); the rest is the query string, put on the
/// wire and parsed as a server would. Whatever the query, the answer is a success or a client error whose
/// body is well-formed JSON (problem+json, or an OperationOutcome under /fhir), never a 5xx; and a parsed query survives its canonical form unchanged.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzQuery(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    guard size >= 2 else { return 0 }
    let bytes = Array(UnsafeBufferPointer(start: data, count: min(size, 4096)))
    let paths = QueryFuzzing.paths
    let path = paths[Int(bytes[0]) % paths.count]
    let query = Array(bytes[2...])
    checkCanonicalForm(query)

    var head =
        Array("\(bytes[1] & 1 == 0 ? "GET" : "HEAD") \(path)?".utf8) + query + Array(" HTTP/1.1\r\nHost: fuzz\r\n".utf8)
    if bytes[1] & 2 != 0 { head += Array("Accept-Encoding: gzip\r\n".utf8) }
    if bytes[1] & 4 != 0 { head += Array("If-None-Match: \"0\"\r\n".utf8) }
    head += Array("\r\n".utf8)
    var parser = RequestParser(limits: HTTPLimits())
    parser.append(head[...])
    guard let request = try? parser.nextRequest() else { return 0 }  // not a valid request target

    let response = QueryFuzzing.responder.respond(
        to: request, context: ConnectionContext(remoteAddress: "127.0.0.1", receivedAt: 0))
    let code = response.status.code
    precondition(code < 500, "\(request.method) \(request.target): \(response.status)")
    guard request.method == .get, code != 304, response.body.first != 0x1f else { return 0 }  // no body, or gzip
    if code >= 400, path.hasPrefix("/fhir/") {
        guard let outcome = try? JSONValue.parse(response.body), outcome["resourceType"] == .string("OperationOutcome")
        else { preconditionFailure("\(request.target): \(code) without an OperationOutcome") }
    } else if code >= 400 {
        guard let problem = try? JSONValue.parse(response.body), problem["status"] == .number(Double(code)) else {
            preconditionFailure("\(request.target): \(code) without a problem body")
        }
    } else if path == "/v1/export" {
        for line in response.body.split(separator: 0x0A) {
            precondition((try? JSONValue.parse(Array(line))) != nil, "\(request.target): NDJSON line is not JSON")
        }
    } else if path != "/openapi.yaml" && path != "/metrics" {
        precondition((try? JSONValue.parse(response.body)) != nil, "\(request.target): body is not JSON")
    }
    return 0
}

/// Parsing a query with every name it uses allowed, then parsing its canonical form, gives the same values.
private func checkCanonicalForm(_ bytes: [UInt8]) {
    guard let text = String(validating: bytes, as: UTF8.self) else { return }
    let names = text.split(separator: "&").map { pair in
        QueryParameters.decode(pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)[0])
            ?? String(pair)
    }
    guard let parsed = try? QueryParameters(text, allowed: names) else { return }
    let again = try? QueryParameters(parsed.canonical, allowed: names)
    precondition(again == parsed, "canonical form \(parsed.canonical) does not round-trip")
}

enum QueryFuzzing {
    /// The content in `FUZZ_CONTENT_DIR` (default `Resources`), served as the server would.
    static let responder: APIResponder = {
        let directory = getenv("FUZZ_CONTENT_DIR").map { String(cString: $0) } ?? "Resources"
        guard let library = try? ContentLoader.load(directory: directory),
            let snapshot = try? ContentSnapshot(library: library, openAPI: nil, loadedAt: 0)
        else {
            fatalError("QueryFuzzer: cannot load and render the content in \(directory)")
        }
        return APIResponder(snapshot: snapshot)
    }()

    /// The routes that only answer with a query, then every canonical path of the content (the seed corpus
    /// counts on the first thirteen: search, compare, a missing path, then the collections as listed in
    /// `ContentSnapshot.canonicalPaths`).
    static let paths: [String] = {
        let canonical = responder.snapshot.map { ContentSnapshot.canonicalPaths($0.service) } ?? []
        return ["/v1/search", "/v1/compare", "/v1/nothing-here"] + canonical + ["/metrics", "/readyz"]
    }()
}
