import HTTP1
import SocketServer

/// The server the wire fixtures assume: `/items/1` and `/big.json` for GET and HEAD, 405 for other
/// recognised methods there, 404 elsewhere, 501 for any method it does not recognise.
struct ItemsResponder: HTTPResponder {
    static let item = Array(#"{"id":1,"name":"item"}"#.utf8)
    static let big = [UInt8](repeating: UInt8(ascii: "a"), count: 8 << 20)

    func respond(to request: HTTPRequest, context: ConnectionContext) -> HTTPResponse {
        guard request.method.isRecognised else {
            return .problem(status: .notImplemented, detail: "The method is not implemented.")
        }
        let body: [UInt8]
        switch request.path {
        case "/items/1": body = Self.item
        case "/big.json": body = Self.big
        default: return .problem(status: .notFound, detail: "no such item")
        }
        guard request.method == .get || request.method == .head else {
            return .problem(
                status: .methodNotAllowed, detail: "GET or HEAD", headers: HTTPHeaders([("Allow", "GET, HEAD")]))
        }
        return HTTPResponse(status: .ok, headers: HTTPHeaders([("Content-Type", "application/json")]), body: body)
    }
}

/// Starts a server of the wire fixtures on 127.0.0.1, port 0, runs `body`, then stops the server.
func withServer<T>(
    _ adjust: (inout ServerConfiguration) -> Void = { _ in },
    _ body: (HTTPServer<ItemsResponder>) async throws -> T
) async throws -> T {
    try await serving(ItemsResponder(), adjust, body)
}

/// Starts a server of `responder` on 127.0.0.1, port 0, runs `body`, then stops the server.
func serving<Responder: HTTPResponder, T>(
    _ responder: Responder, _ adjust: (inout ServerConfiguration) -> Void = { _ in },
    _ body: (HTTPServer<Responder>) async throws -> T
) async throws -> T {
    var configuration = ServerConfiguration()
    configuration.host = "127.0.0.1"
    configuration.port = 0
    configuration.lingerTimeout = .milliseconds(500)
    adjust(&configuration)
    let server = HTTPServer(configuration: configuration, responder: responder)
    try server.start()
    do {
        let result = try await body(server)
        await server.stop(grace: .seconds(1))
        return result
    } catch {
        await server.stop(grace: .seconds(1))
        throw error
    }
}
