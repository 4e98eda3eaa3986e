/// A response to send. `body` is shared, not copied: precomputed representations cost one retain.
public struct HTTPResponse: Sendable, Equatable {
    public var status: HTTPStatus
    public var headers: HTTPHeaders
    public var body: [UInt8]
    /// Header lines encoded ahead of time by `ResponseHead.encode(_:)`, written after `headers` as they
    /// are: a representation computed once carries its constant headers here.
    public var encodedHeaders: [UInt8]
    /// Sent as `X-Request-Id` after every other field, when set: the responder gives every response one,
    /// so it has a place of its own rather than a field list to allocate for each response. Checked like
    /// any field value, and left out when it would be unsafe.
    public var requestID: String?
    /// The route that answered, as the responder names it (`/v1/agents/{id}`); handed back untouched
    /// in `didRespond` so it need not be found again. Never sent; empty when no route answered.
    public var route: String
}

// The initialiser is in an extension so that the struct keeps its memberwise initialiser, which builds
// the value at once. An initialiser that assigns field by field builds it in a temporary that the
// optimiser (Swift 6.3) copies out, retaining every reference in it and releasing the temporary's: six
// calls, two of them atomic, for each response a representation answers. Not inlinable for the same
// reason: inlined into a caller in another module, it cannot reach the memberwise initialiser.
extension HTTPResponse {
    public init(
        status: HTTPStatus, headers: HTTPHeaders = HTTPHeaders(), body: [UInt8] = [],
        encodedHeaders: EncodedHeaders? = nil, requestID: String? = nil, route: String = ""
    ) {
        self.init(
            status: status, headers: headers, body: body, encodedHeaders: encodedHeaders?.bytes ?? [],
            requestID: requestID, route: route)
    }
}

/// Header lines that passed the serializer's checks once (no framing fields, tokens for names, no CR, LF,
/// NUL or other control characters in values), kept as bytes. Only `ResponseHead.encode` makes them.
public struct EncodedHeaders: Sendable, Equatable {
    public let bytes: [UInt8]

    init(bytes: [UInt8]) { self.bytes = bytes }
}
