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

    @Test("every route is in the spec, and every spec path is a route")
    func bothWays() throws {
        let routes = Set(Endpoint.all.map(\.pattern))
        let spec = Set(try Self.specPaths())
        #expect(!spec.isEmpty)
        #expect(routes.subtracting(spec).isEmpty, "routes missing from openapi.yaml: \(routes.subtracting(spec))")
        #expect(spec.subtracting(routes).isEmpty, "spec paths with no route: \(spec.subtracting(routes))")
    }

    @Test("the spec's enums of agents, classes and tissues match the content")
    func enums() throws {
        let text = String(decoding: try #require(API.spec), as: UTF8.self)
        func enumeration(_ name: String) -> [String] {
            guard
                let line = text.split(separator: "\n").first(where: {
                    $0.hasPrefix("    \(name): { type: string, enum: [")
                })
            else { return [] }
            let inside = line.split(separator: "[")[1].split(separator: "]")[0]
            return inside.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
        }
        #expect(enumeration("AgentId") == API.library.agents.map(\.id))
        #expect(enumeration("ClassId") == API.library.classes.map(\.id))
        #expect(enumeration("TissueId") == API.library.tissues.map(\.id))
    }
}
