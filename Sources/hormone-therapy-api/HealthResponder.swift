import HTTP1

/// The responder until the content API exists: `GET /healthz`, and problem+json everywhere else.
struct HealthResponder: HTTPResponder {
    private static let health = Array(#"{"status":"ok"}"#.utf8)

    func respond(to request: HTTPRequest, context: ConnectionContext) -> HTTPResponse {
        guard request.path == "/healthz" else {
            return .problem(status: .notFound, detail: "No resource at '\(request.path)'.")
        }
        guard request.method == .get || request.method == .head else {
            return .problem(
                status: .methodNotAllowed, detail: "'\(request.path)' allows GET and HEAD.",
                headers: HTTPHeaders([("Allow", "GET, HEAD")]))
        }
        return HTTPResponse(
            status: .ok,
            headers: HTTPHeaders([("Content-Type", "application/json"), ("Cache-Control", "no-store")]),
            body: Self.health)
    }
}
