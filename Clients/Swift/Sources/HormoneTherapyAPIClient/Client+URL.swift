import Foundation
@_exported import OpenAPIRuntime
@_exported import OpenAPIURLSession

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

extension Client {
    /// A client of the API at `baseURL` (for example `http://localhost:8080`, or `https://example.org/api`
    /// behind a proxy's base path) over URLSession: the one call a consumer needs.
    public init(baseURL: URL, session: URLSession = .shared) {
        self.init(serverURL: baseURL, transport: URLSessionTransport(configuration: .init(session: session)))
    }
}
