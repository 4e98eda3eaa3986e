import FoundationEssentials
import HTTP1

/// The API's documentation page, `/docs`: Swagger UI over `/openapi.yaml`, read whole from a folder at
/// start (the page, its script and style from the repository; Swagger UI's files installed from PyPI by
/// `scripts/install-docs-assets`). Not part of the API's contract: a page for people, served by this
/// server so that it needs no CDN and works behind `BASE_PATH` (its URLs are relative).
public struct DocsSite: Sendable {
    /// The files that must be there for the page to work.
    public static let required = ["index.html", "docs-init.js", "docs.css", "swagger-ui-bundle.js", "swagger-ui.css"]

    /// The page allows only its own files: no inline script or style, no other origin. Swagger UI
    /// draws its icons as `data:` images.
    static let contentSecurityPolicy =
        "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; "
        + "base-uri 'none'; form-action 'none'; frame-ancestors 'none'"

    /// `index.html` answers `/docs`; every other file `/docs/<name>`.
    let files: [String: Representation]

    /// Why a folder is not a docs site.
    public struct Missing: Error, CustomStringConvertible {
        public let directory: String
        public let files: [String]
        public var description: String {
            "\(directory) lacks \(files.joined(separator: ", ")): run scripts/install-docs-assets \(directory)"
        }
    }

    /// Reads every file of `directory` whose type it knows; throws when a required one is missing.
    public init(directory: String) throws(Missing) {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []
        var files: [String: Representation] = [:]
        for name in names.sorted() where !name.hasPrefix(".") {
            guard let type = Self.contentType(of: name),
                let data = FileManager.default.contents(atPath: directory + "/" + name)
            else { continue }
            var headers = HTTPHeaders([
                ("Cache-Control", Self.cacheControl(page: name == "index.html")),
                ("X-Content-Type-Options", "nosniff"),
            ])
            if name == "index.html" { headers.add("Content-Security-Policy", Self.contentSecurityPolicy) }
            for (field, value) in APIResponder.everyResponse { headers.add(field, value) }
            let bytes = Array(data)
            files[name] = Representation(
                contentType: type, bytes: bytes, common: headers,
                precompressed: Self.precompressed(directory + "/" + name + ".gz", of: bytes))
        }
        let missing = Self.required.filter { files[$0] == nil }
        guard missing.isEmpty else { throw Missing(directory: directory, files: missing) }
        self.files = files
    }

    /// The gzip file at `path` when it decodes to exactly `bytes`, else nil (the file is then compressed at
    /// start). `scripts/install-docs-assets` writes one beside each large file, as nginx's `gzip_static`
    /// reads them: checking it costs a few milliseconds, compressing Swagger UI's 1.6 MB script at the best
    /// level some 80, on every start.
    static func precompressed(_ path: String, of bytes: [UInt8]) -> [UInt8]? {
        guard let data = FileManager.default.contents(atPath: path) else { return nil }
        let zipped = Array(data)
        return (try? Gzip.decompress(zipped, limit: bytes.count)) == bytes ? zipped : nil
    }

    /// The file a path inside the API (`/docs`, `/docs/swagger-ui.css`) names, if any.
    func file(at path: String) -> Representation? {
        if path == "/docs" { return files["index.html"] }
        guard path.hasPrefix("/docs/") else { return nil }
        let name = String(path.dropFirst("/docs/".count))
        return name == "index.html" ? nil : files[name]
    }

    /// The names under `/docs/`, for suggestions.
    var paths: [String] { ["/docs"] + files.keys.filter { $0 != "index.html" }.sorted().map { "/docs/" + $0 } }

    /// The page is revalidated on every use (it names the files, which may change with it); the files
    /// are kept five minutes.
    static func cacheControl(page: Bool) -> String { page ? "no-cache" : "public, max-age=300" }

    static func contentType(of name: String) -> String? {
        switch name.split(separator: ".").last.map(String.init) {
        case "html": "text/html; charset=utf-8"
        case "js": "text/javascript; charset=utf-8"
        case "css": "text/css; charset=utf-8"
        case "png": "image/png"
        case "txt": "text/plain; charset=utf-8"
        default: name == "LICENSE" || name == "ASSETS" ? "text/plain; charset=utf-8" : nil
        }
    }
}
