import ContentAPI
import Foundation
import HTTP1
import Testing

/// A record's `links`: each relation one link or an array of links, read as an array either way.
struct ServedLinks: Decodable, Equatable {
    let relations: [String: [String]]

    subscript(relation: String) -> [String]? { relations[relation] }

    init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let raw = try container.decode([String: OneOrMany].self)
        relations = raw.mapValues(\.values)
    }

    private struct OneOrMany: Decodable {
        let values: [String]
        init(from decoder: any Decoder) throws {
            let container = try decoder.singleValueContainer()
            if let one = try? container.decode(String.self) {
                values = [one]
            } else {
                values = try container.decode([String].self)
            }
        }
    }
}

/// Any record, or anything else with `links`, as far as links go.
struct Linked: Decodable {
    let id: String?
    let links: ServedLinks
}

/// One page of a list.
struct ServedPage<Item: Decodable>: Decodable {
    let items: [Item]
    let total: Int
    let links: ServedLinks
}

extension API {
    /// The body of a 200 (or `status`) decoded as `T`, as a client would read it.
    static func decode<T: Decodable>(
        _ type: T.Type, _ target: String, status: HTTPStatus = .ok, responder: APIResponder = responder
    ) throws -> T {
        let response = try request(target, responder: responder)
        #expect(response.status == status, "\(target): \(response.text.prefix(200))")
        return try JSONDecoder().decode(T.self, from: Data(response.body))
    }
}

/// A list that is not paged (classes, tissues, comparisons), or any list read for its items alone.
struct ServedItems<Item: Decodable>: Decodable {
    let items: [Item]
}

/// A problem as a program reads it: every member typed, `allowed` an array or absent.
struct ServedProblem: Decodable {
    struct Unknown: Decodable, Equatable {
        var value: String
        var suggestions: [String]
    }
    var type: String
    var title: String
    var status: Int
    var detail: String
    var parameter: String?
    var expected: String?
    var allowed: [String]?
    var minimum: Int?
    var maximum: Int?
    var minLength: Int?
    var maxLength: Int?
    var minItems: Int?
    var maxItems: Int?
    var suggestions: [String]?
    var unknown: [Unknown]?
}

extension API {
    /// A problem response's body, typed.
    static func problem(_ response: HTTPResponse) throws -> ServedProblem {
        try JSONDecoder().decode(ServedProblem.self, from: Data(response.body))
    }
}

/// A FHIR coding and concept, as the FHIR tests read them.
struct FHIRCoding: Decodable {
    let system: String?
    let code: String?
    let display: String?
}

struct FHIRConcept: Decodable {
    let coding: [FHIRCoding]?
    let text: String?
}

/// A FHIR Bundle of `Resource`s.
struct FHIRBundle<Resource: Decodable>: Decodable {
    struct Entry: Decodable {
        let fullUrl: String
        let resource: Resource
    }
    struct Link: Decodable { let relation: String }
    struct Issues: Decodable { let resourceType: String }
    let type: String
    let total: Int
    let entry: [Entry]?
    let link: [Link]?
    let issues: Issues?
}
