import ContentAPI
import ContentModel
import Foundation
import HTTP1
import TestSupport
import Testing

/// The API over the bundled content, in process.
enum API {
    static let root = Repository.root
    static let library = Repository.library
    static let spec = Repository.openAPI

    /// The later of the last review (6 Dec 2026) and the newest content file or schema, as an HTTP date.
    static let lastModified: String = {
        let files =
            FileManager.default.enumerator(atPath: root.appendingPathComponent("Resources").path)?
            .compactMap { $0 as? String }.filter { $0.hasSuffix(".json") } ?? []
        let newest =
            files.compactMap { name in
                (try? FileManager.default.attributesOfItem(
                    atPath: root.appendingPathComponent("Resources/\(name)").path)[.modificationDate]) as? Date
            }.max() ?? .distantPast
        let date = max(newest, Date(timeIntervalSince1970: 1_796_515_200))  // 2026-12-06T00:00:00Z
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "GMT")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss 'GMT'"
        return formatter.string(from: date)
    }()

    static let responder: APIResponder = {
        do {
            return APIResponder(snapshot: try ContentSnapshot(library: library, openAPI: spec, loadedAt: 0))
        } catch {
            fatalError("the bundled content does not render: \(error)")
        }
    }()

    /// Parses a real request line and header section, then asks the responder.
    static func request(
        _ target: String, method: String = "GET", headers: [(String, String)] = [], responder: APIResponder = responder,
        loop: Int = 0
    ) throws -> HTTPResponse {
        let head = headers.map { "\($0.0): \($0.1)\r\n" }.joined()
        var parser = RequestParser()
        parser.append(Array("\(method) \(target) HTTP/1.1\r\nHost: test\r\n\(head)\r\n".utf8))
        let request = try #require(try parser.nextRequest())
        let response = responder.respond(
            to: request, context: ConnectionContext(remoteAddress: "127.0.0.1", receivedAt: 0, loop: loop))
        return wire(response)
    }

    /// The response as a client sees it: the head serialized as the server would send it, parsed back,
    /// so headers encoded ahead of time count like any other.
    static func wire(_ response: HTTPResponse) -> HTTPResponse {
        let head = ResponseHead.bytes(for: response, date: "Thu, 01 Jan 1970 00:00:00 GMT", connection: .keepAlive)
        let lines = String(decoding: head, as: UTF8.self).split(separator: "\r\n").dropFirst()
        var headers = HTTPHeaders()
        for line in lines {
            guard let colon = line.firstIndex(of: ":") else { continue }
            headers.add(String(line[..<colon]), String(line[line.index(after: colon)...].dropFirst()))
        }
        return HTTPResponse(status: response.status, headers: headers, body: response.body)
    }

    /// A model value as the JSON encoder writes it, as a Foundation tree without nulls.
    /// Record `id` of a content file as the file spells it, read with Foundation's parser (not ours).
    static func fileRecord(_ file: String, _ key: String, id: String) throws -> NSDictionary {
        let url = root.appendingPathComponent("Resources").appendingPathComponent(file)
        let object = try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as? [String: Any]
        let records = try #require(object?[key] as? [[String: Any]])
        return try #require(records.first { $0["id"] as? String == id }) as NSDictionary
    }

    /// A served object without `keys` at its top level.
    static func dropping(_ keys: Set<String>, from object: [String: Any]) -> NSDictionary {
        object.filter { !keys.contains($0.key) } as NSDictionary
    }

    static func json(_ response: HTTPResponse) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(response.body)) as? [String: Any])
    }
}

extension HTTPResponse {
    var text: String { String(decoding: body, as: UTF8.self) }
}
