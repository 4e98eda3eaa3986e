import HTTP1

/// One raw request fixture of the team's HTTP/1.1 reliability cases (groups A–I, T; the list lives outside
/// this repository, these fixtures are its copy here), with what the parser must make of it
/// and what a client must see on the wire from a server whose only resources are `/items/1` and
/// `/big.json` (GET and HEAD; other recognised methods 405).
public struct WireCase: Sendable, CustomStringConvertible {
    public let id: String
    public let raw: [UInt8]
    /// What the parser yields, in order, fed the whole fixture at once.
    public let parsed: [ParseOutcome]
    /// The status codes on the wire, in order.
    public let statuses: [Int]
    /// Whether the server closes the connection after those responses.
    public let closes: Bool
    /// Indices of responses that answer HEAD and so carry no body.
    public let headResponses: Set<Int>

    public init(
        _ id: String, _ raw: String, parsed: [ParseOutcome], statuses: [Int], closes: Bool,
        headResponses: Set<Int> = []
    ) {
        self.id = id
        self.raw = Self.bytes(raw)
        self.parsed = parsed
        self.statuses = statuses
        self.closes = closes
        self.headResponses = headResponses
    }

    public var description: String { id }

    /// Each scalar of `text` as one byte (ISO-8859-1), so fixtures can hold bytes such as 0xFF that are
    /// not UTF-8.
    public static func bytes(_ text: String) -> [UInt8] {
        text.unicodeScalars.map { scalar in
            precondition(scalar.value <= 0xFF, "fixture bytes must be 0x00-0xFF")
            return UInt8(scalar.value)
        }
    }
}

/// What one call of `RequestParser.nextRequest()` yields.
public enum ParseOutcome: Equatable, Sendable, CustomStringConvertible {
    case request(method: String, path: String, body: String)
    case error(HTTPParseError)
    /// Bytes are left that do not yet make a request.
    case incomplete

    public static func request(_ method: String, _ path: String) -> ParseOutcome {
        .request(method: method, path: path, body: "")
    }

    public var description: String {
        switch self {
        case .request(let method, let path, let body): "\(method) \(path) [\(body.utf8.count) B]"
        case .error(let error): "error \(error)"
        case .incomplete: "incomplete"
        }
    }
}

/// Feeds `chunks` to a parser in order, collecting every outcome until the first error.
public func parseOutcomes(_ chunks: [ArraySlice<UInt8>], limits: HTTPLimits = HTTPLimits()) -> [ParseOutcome] {
    var parser = RequestParser(limits: limits)
    var outcomes: [ParseOutcome] = []
    for chunk in chunks {
        parser.append(chunk)
        while true {
            do {
                guard let request = try parser.nextRequest() else { break }
                outcomes.append(
                    .request(
                        method: request.method.rawValue, path: request.path,
                        body: String(decoding: request.body, as: UTF8.self)))
            } catch {
                outcomes.append(.error(error))
                return outcomes
            }
        }
    }
    if parser.phase == .head || parser.phase == .body { outcomes.append(.incomplete) }
    return outcomes
}
