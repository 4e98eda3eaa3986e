import ContentModel
import Foundation
import HTTP1
import JSON
import TestSupport
import Testing

@testable import ContentAPI

private struct ProblemTypeDocument: Decodable {
    struct Member: Decodable { var name: String }
    var type: String
    var title: String
    var status: [Int]
    var members: [Member]
}

@Suite("Problems a program can act on")
struct ProblemTypeTests {
    private static func problem(_ target: String, method: String = "GET", responder: APIResponder = API.responder)
        throws -> (HTTPResponse, ServedProblem)
    {
        let response = try API.request(target, method: method, responder: responder)
        #expect(response.headers["Content-Type"] == "application/problem+json")
        return (response, try JSONDecoder().decode(ServedProblem.self, from: Data(response.body)))
    }

    @Test(
        "each problem's type resolves to its documentation, which names every member it carries",
        arguments: [
            "/v1/agents?limit=0", "/v1/agents?sort=name", "/v1/agents?limit=1&limit=2", "/v1/search",
            "/v1/agents?class=serms", "/v1/agents/tamoxifin", "/v1/compare?agents=tamoxfen,foo", "/v1/agent",
            "/v1/search?q=%20", "/v1/compare?agents=tamoxifen", "/v1/agents?fields=nope",
        ])
    func typeDocumentsItself(target: String) throws {
        let (response, problem) = try Self.problem(target)
        let documentation = try API.request(problem.type)
        #expect(documentation.status == .ok, "\(target): \(problem.type)")
        let type = try JSONDecoder().decode(ProblemTypeDocument.self, from: Data(documentation.body))
        #expect(type.type == problem.type)
        #expect(type.title == problem.title)
        #expect(type.status.contains(Int(response.status.code)))
        let members = try #require(try JSONSerialization.jsonObject(with: Data(response.body)) as? [String: Any]).keys
        let documented = Set(type.members.map(\.name) + ["type", "title", "status", "detail"])
        #expect(Set(members).isSubset(of: documented), "\(target): \(Set(members).subtracting(documented))")
    }

    @Test("a whole number's bounds, text's length and a list's size are numbers, not prose")
    func structuredBounds() throws {
        let (_, limit) = try Self.problem("/v1/agents?limit=101")
        #expect((limit.minimum, limit.maximum, limit.allowed) == (1, 100, nil))
        #expect(limit.expected == "a whole number from 1 to 100")
        let (_, q) = try Self.problem("/v1/search?q=%20")
        #expect((q.minLength, q.maxLength) == (1, 200))
        let (_, agents) = try Self.problem("/v1/compare?agents=tamoxifen")
        #expect((agents.minItems, agents.maxItems) == (2, 7))
        let (_, effect) = try Self.problem("/v1/agents?effect=blocks")
        #expect(effect.allowed == ["agonist", "partial-agonist", "antagonist", "mixed", "neutral", "not-applicable"])
        let (_, pretty) = try Self.problem("/v1/agents?pretty=yes")
        #expect(pretty.allowed == ["true", "false"])
    }

    @Test("`allowed` is an array whatever failed: values, parameters, methods")
    func allowedIsAlwaysAList() throws {
        for (target, method) in [
            ("/v1/agents?effect=blocks", "GET"), ("/v1/agents?sort=name", "GET"), ("/v1/agents", "DELETE"),
            ("/v1/agents?class=serms", "GET"),
        ] {
            let response = try API.request(target, method: method)
            let object = try #require(try JSONSerialization.jsonObject(with: Data(response.body)) as? [String: Any])
            #expect(object["allowed"] is [String], "\(method) \(target): \(response.text)")
        }
    }

    @Test("compare lists each unknown agent with its own suggestions")
    func unknownAgents() throws {
        let (response, problem) = try Self.problem("/v1/compare?agents=tamoxfen,raloxifene,foo")
        #expect(response.status == .notFound)
        #expect(problem.type == "/problems/unknown-agents")
        #expect(
            problem.unknown == [
                .init(value: "tamoxfen", suggestions: ["tamoxifen"]), .init(value: "foo", suggestions: []),
            ])
        #expect(problem.suggestions == ["tamoxifen"])
    }

    @Test("behind a base path the type resolves through the proxy's prefix")
    func basePath() throws {
        var options = APIResponder.Options()
        options.basePath = "/api"
        let responder = APIResponder(
            snapshot: try ContentSnapshot(library: API.library, basePath: "/api", openAPI: nil, loadedAt: 0),
            options: options)
        let (_, problem) = try Self.problem("/api/v1/agents?limit=0", responder: responder)
        #expect(problem.type == "/api/problems/invalid-parameter")
        #expect(try API.request(problem.type, responder: responder).status == .ok)
    }

    @Test("every type is listed at /problems; an unknown one is a 404 with the closest")
    func listed() throws {
        let list = try API.json(try API.request("/problems"))
        let types = try #require(list["items"] as? [[String: Any]]).compactMap { $0["type"] as? String }
        #expect(types == ProblemType.allCases.map { "/problems/\($0.slug)" })
        let (response, problem) = try Self.problem("/problems/invalid-parameters")
        #expect(response.status == .notFound)
        #expect(problem.suggestions == ["invalid-parameter"])
    }
}

@Suite("JSON for people: the schema's key order, a final newline")
struct KeyOrderAPITests {
    /// Every object's property names, in order, in every schema under Resources/schema.
    static func schemaSequences() throws -> [(String, [String])] {
        let folder = Repository.root.appendingPathComponent("Resources/schema")
        var sequences: [(String, [String])] = []
        func walk(_ value: JSONValue, _ file: String) {
            switch value {
            case .object(let fields, let order):
                if case .object(_, let properties)? = fields["properties"] {
                    sequences.append((file, properties.filter { $0 != "$schema" }))
                }
                for key in order { fields[key].map { walk($0, file) } }
            case .array(let items): items.forEach { walk($0, file) }
            default: break
            }
        }
        for name in try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted() {
            walk(try JSONValue.parse(Array(try Data(contentsOf: folder.appendingPathComponent(name)))), name)
        }
        return sequences
    }

    @Test("the merged order keeps every schema's own order: the schemas do not disagree")
    func schemasAgree() throws {
        for (file, sequence) in try Self.schemaSequences() {
            #expect(API.library.keyOrder.sorted(sequence.reversed()) == sequence, "\(file): \(sequence)")
        }
    }

    @Test("a field named twice is written once: a body never holds a key twice")
    func repeatedField() throws {
        let body = try API.request("/v1/agents/tamoxifen?fields=name,name&fields=name").text
        #expect(body == #"{"id":"tamoxifen","name":"Tamoxifen"}"# + "\n")
        #expect(try JSONValue.parse(Array(body.utf8))["name"] == .string("Tamoxifen"))
    }

    @Test("an agent reads id, name, summary first and links last; every JSON body ends with a newline")
    func agent() throws {
        let response = try API.request("/v1/agents/tamoxifen")
        #expect(response.text.hasPrefix(#"{"id":"tamoxifen","name":"Tamoxifen","summary":"#))
        #expect(response.body.last == UInt8(ascii: "\n"))
        guard case .object(_, let keys) = try JSONValue.parse(response.body) else {
            Issue.record("not an object")
            return
        }
        #expect(keys.last == "links")
        for target in ["/v1/agents?limit=0", "/fhir/metadata", "/v1/glossary", "/healthz"] {
            #expect(try API.request(target).body.last == UInt8(ascii: "\n"), "\(target)")
        }
    }
}
