import ContentAPI
import Foundation
import HTTP1
import TestSupport
import Testing

/// /docs over a folder of stand-in files (the real Swagger UI files are checked in a browser by
/// scripts/check-docs-page): what the server does with them.
@Suite("The docs page: served from its folder, behind the base path, with its own cache and CSP")
struct DocsSiteTests {
    static func folder(leaving out: [String] = []) throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("docs-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        for name in DocsSite.required + ["favicon-32x32.png", "LICENSE"] where !out.contains(name) {
            try Data("/* \(name) */ \(String(repeating: "x", count: 400))".utf8).write(
                to: url.appendingPathComponent(name))
        }
        return url
    }

    static func responder(_ docs: Result<DocsSite, DocsSite.Missing>?, basePath: String = "") throws -> APIResponder {
        var options = APIResponder.Options()
        options.basePath = basePath
        options.docs = docs
        return APIResponder(
            snapshot: try ContentSnapshot(library: API.library, basePath: basePath, openAPI: nil, loadedAt: 0),
            options: options)
    }

    @Test("the page and its files, each with its type; the page alone with a CSP and no-cache")
    func served() throws {
        let folder = try Self.folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let responder = try Self.responder(.success(try DocsSite(directory: folder.path)))
        let page = try API.request("/docs", responder: responder)
        #expect(page.status == .ok)
        #expect(page.text.contains("index.html"))
        #expect(page.headers["Content-Type"] == "text/html; charset=utf-8")
        #expect(page.headers["Content-Security-Policy"]?.hasPrefix("default-src 'none'; script-src 'self'") == true)
        #expect(page.headers["Cache-Control"] == "no-cache")
        let style = try API.request("/docs/swagger-ui.css", responder: responder)
        #expect(style.status == .ok && style.headers["Content-Type"] == "text/css; charset=utf-8")
        #expect(style.headers["Cache-Control"] == "public, max-age=300")
        #expect(style.headers["Content-Security-Policy"] == nil)
        #expect(try API.request("/docs/favicon-32x32.png", responder: responder).headers["Content-Type"] == "image/png")
        let tag = try #require(style.headers["ETag"])
        let again = try API.request("/docs/swagger-ui.css", headers: [("If-None-Match", tag)], responder: responder)
        #expect(again.status == .notModified)
        #expect(again.headers["Cache-Control"] == "public, max-age=300" && again.headers["ETag"] == tag)
        // The docs are not content: neither their 200 nor their 304 names a content version.
        #expect(style.headers["X-Content-Version"] == nil && again.headers["X-Content-Version"] == nil)
        #expect(again.headers["Vary"] == style.headers["Vary"])
    }

    @Test("a file's .gz beside it is served as its gzip encoding when it decodes to the file, else ignored")
    func precompressed() throws {
        let folder = try Self.folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        func file(_ name: String) throws -> [UInt8] { Array(try Data(contentsOf: folder.appendingPathComponent(name))) }
        func write(_ bytes: [UInt8], _ name: String) throws {
            try Data(bytes).write(to: folder.appendingPathComponent(name))
        }
        // Valid gzip that our own compression would not make: the header's OS byte (not checked) says 255.
        func marked(_ bytes: [UInt8]) throws -> [UInt8] {
            var zipped = try Gzip.compress(bytes)
            zipped[9] = 0xFF
            return zipped
        }
        let script = try file("swagger-ui-bundle.js")
        try write(try marked(script), "swagger-ui-bundle.js.gz")
        try write(try marked(Array("/* another version */ ".utf8) + script), "swagger-ui.css.gz")
        try write(try marked(try file("docs-init.js")) + [0], "docs-init.js.gz")  // a byte after the member
        let responder = try Self.responder(.success(try DocsSite(directory: folder.path)))
        func zipped(_ name: String) throws -> [UInt8] {
            let response = try API.request(
                "/docs/\(name)", headers: [("Accept-Encoding", "gzip")], responder: responder)
            #expect(response.headers["Content-Encoding"] == "gzip", "\(name)")
            #expect(try Gzip.decompress(response.body) == (try file(name)), "\(name) decodes to the file")
            return response.body
        }
        #expect(try zipped("swagger-ui-bundle.js") == (try file("swagger-ui-bundle.js.gz")))
        #expect(try zipped("swagger-ui.css") != (try file("swagger-ui.css.gz")), "a stale .gz is not served")
        #expect(try zipped("docs-init.js") != (try file("docs-init.js.gz")), "nor one with bytes after it")
        #expect(try API.request("/docs/swagger-ui-bundle.js.gz", responder: responder).status == .notFound)
    }

    @Test("what is not a file of the page: 404 with the closest, 405, 400 for a query, index.html by name")
    func refused() throws {
        let folder = try Self.folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let responder = try Self.responder(.success(try DocsSite(directory: folder.path)))
        let typo = try API.request("/docs/swagger-ui.cs", responder: responder)
        #expect(typo.status == .notFound)
        #expect(try API.json(typo)["suggestions"] as? [String] == ["/docs/swagger-ui.css"])
        #expect(try API.request("/docs/index.html", responder: responder).status == .notFound)
        #expect(try API.request("/docs/", responder: responder).status == .notFound)
        #expect(try API.request("/docs", method: "POST", responder: responder).status == .methodNotAllowed)
        #expect(try API.request("/docs?url=https://evil.example/spec.yaml", responder: responder).status == .badRequest)
        #expect(try API.request("/docs", method: "OPTIONS", responder: responder).status == .noContent)
    }

    @Test("behind BASE_PATH the page is at <base>/docs, and not at /docs")
    func basePath() throws {
        let folder = try Self.folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let responder = try Self.responder(.success(try DocsSite(directory: folder.path)), basePath: "/api")
        #expect(try API.request("/api/docs", responder: responder).status == .ok)
        #expect(try API.request("/api/docs/docs-init.js", responder: responder).status == .ok)
        #expect(try API.request("/docs", responder: responder).status == .notFound)
    }

    @Test("a folder missing files is named with them and the command to run; the server serves a 404 saying so")
    func missing() throws {
        let folder = try Self.folder(leaving: ["swagger-ui-bundle.js", "swagger-ui.css"])
        defer { try? FileManager.default.removeItem(at: folder) }
        let missing: DocsSite.Missing
        do {
            _ = try DocsSite(directory: folder.path)
            Issue.record("a folder without Swagger UI's files made a docs site")
            return
        } catch {
            missing = error
        }
        #expect(missing.files == ["swagger-ui-bundle.js", "swagger-ui.css"])
        #expect("\(missing)".contains("scripts/install-docs-assets \(folder.path)"))
        let response = try API.request("/docs", responder: try Self.responder(.failure(missing)))
        #expect(response.status == .notFound)
        let problem = try API.json(response)
        #expect(problem["type"] as? String == "/problems/docs-unavailable")
        #expect((problem["detail"] as? String)?.contains("scripts/install-docs-assets") == true)
        #expect(try API.request("/docs", responder: try Self.responder(nil)).status == .notFound)
    }
}
