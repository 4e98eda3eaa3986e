import ContentAPI
import Foundation
import Testing

@Suite("The route table and openapi.yaml agree")
struct RouteTableTests {
    /// The keys under `paths:` in openapi.yaml.
    static func specPaths() throws -> [String] {
        let text = String(decoding: try #require(API.spec), as: UTF8.self)
        var inPaths = false
        var paths: [String] = []
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            if line == "paths:" {
                inPaths = true
                continue
            }
            if inPaths, let first = line.first, first != " " { break }
            if inPaths, line.hasPrefix("  /"), line.hasSuffix(":"), !line.hasPrefix("   ") {
                paths.append(String(line.dropFirst(2).dropLast()))
            }
        }
        return paths
    }

    @Test("the contract's version (info.version) is the binary's (ServiceVersion, --version)")
    func oneVersion() throws {
        let text = String(decoding: try #require(API.spec), as: UTF8.self)
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        let info = try #require(lines.firstIndex(of: "info:"))
        // The first `version:` key two spaces in, inside the `info:` block.
        let version = lines[(info + 1)...].prefix { $0.hasPrefix(" ") || $0.isEmpty }
            .first { $0.hasPrefix("  version: ") }?.dropFirst("  version: ".count)
        #expect(version.map(String.init) == ServiceVersion.current)
    }

    @Test("every route is in the spec, and every spec path is a route")
    func bothWays() throws {
        // The bundled content's routes: the fixed ones and its declared kinds'.
        let routes = Set(ContentService(library: API.library).routes.endpoints.map(\.pattern))
        let spec = Set(try Self.specPaths())
        #expect(!spec.isEmpty)
        #expect(routes.subtracting(spec).isEmpty, "routes missing from openapi.yaml: \(routes.subtracting(spec))")
        #expect(spec.subtracting(routes).isEmpty, "spec paths with no route: \(spec.subtracting(routes))")
    }

    @Test("ids are strings the content defines, not enums that adding content would break")
    func noIDEnums() throws {
        let text = String(decoding: try #require(API.spec), as: UTF8.self)
        for name in ["AgentId", "ClassId", "TissueId"] {
            let line = try #require(text.split(separator: "\n").first { $0.hasPrefix("    \(name): {") })
            #expect(!line.contains("enum:"), "\(name) is an enum: \(line)")
        }
    }

    @Test(
        "the fields an agent and a glossary entry accept are the spec's enums",
        arguments: [
            ("/v1/agents/tamoxifen?fields=nope", "AgentField"), ("/v1/glossary?fields=nope", "GlossaryField"),
        ])
    func fieldEnums(target: String, schema: String) throws {
        let problem = try API.json(try API.request(target))
        let allowed = try #require(problem["allowed"] as? [String])
        let spec = String(decoding: try #require(API.spec), as: UTF8.self)
        let line = try #require(spec.split(separator: "\n").first { $0.hasPrefix("    \(schema): ") })
        let values = try #require(line.split(separator: "[").last?.split(separator: "]").first)
        #expect(allowed == values.components(separatedBy: ", "))
    }
}
