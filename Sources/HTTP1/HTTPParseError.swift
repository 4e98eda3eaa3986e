/// Why a request can never become valid. Every case ends the connection: the server answers with
/// `status` and `Connection: close`, and serves nothing after it (RFC 9112 §9.6).
public enum HTTPParseError: Error, Sendable, Equatable {
    case requestLineTooLong
    case invalidRequestLine
    case invalidMethod
    case invalidTarget
    /// A byte that a request target cannot hold (a space, a control character, anything not ASCII) in
    /// the query: the client forgot to percent-encode it, and is told so.
    case unencodedQuery
    case invalidVersion
    case unsupportedVersion
    /// CONNECT and other tunnels: this server never tunnels (RFC 9110 §9.3.6).
    case unsupportedMethod
    case bareLineFeed
    case bareCarriageReturn
    case invalidFieldName
    case whitespaceBeforeColon
    case obsoleteLineFolding
    case invalidFieldValue
    case fieldLineTooLong
    case headerSectionTooLarge
    case tooManyFields
    case missingHost
    case duplicateHost
    case invalidHost
    case invalidContentLength
    case contentLengthWithTransferEncoding
    case transferEncodingInHTTP10
    case chunkedNotFinal
    case unsupportedTransferCoding
    case invalidChunk
    case contentTooLarge
    case unsupportedExpectation
    /// The head or body did not arrive within its deadline; raised by the connection, not the parser.
    case requestTimeout

    /// The one place a parse error becomes a status code.
    public var status: HTTPStatus {
        switch self {
        case .requestLineTooLong: .uriTooLong
        case .fieldLineTooLong, .headerSectionTooLarge, .tooManyFields: .requestHeaderFieldsTooLarge
        case .unsupportedVersion: .httpVersionNotSupported
        case .unsupportedMethod, .unsupportedTransferCoding: .notImplemented
        case .contentTooLarge: .contentTooLarge
        case .unsupportedExpectation: .expectationFailed
        case .requestTimeout: .requestTimeout
        case .invalidRequestLine, .invalidMethod, .invalidTarget, .unencodedQuery, .invalidVersion, .bareLineFeed,
            .bareCarriageReturn, .invalidFieldName, .whitespaceBeforeColon, .obsoleteLineFolding,
            .invalidFieldValue, .missingHost, .duplicateHost, .invalidHost, .invalidContentLength,
            .contentLengthWithTransferEncoding, .transferEncodingInHTTP10, .chunkedNotFinal, .invalidChunk:
            .badRequest
        }
    }

    /// A sentence for the problem document's `detail`.
    public var detail: String {
        switch self {
        case .requestLineTooLong: "The request line is longer than this server accepts."
        case .invalidRequestLine: "The request line is not 'method SP request-target SP HTTP-version'."
        case .invalidMethod: "The method is not a valid token."
        case .invalidTarget: "The request target is malformed, or its path does not decode to a safe path."
        case .unencodedQuery:
            "The query holds bytes a request target cannot carry as they are (spaces, control characters, "
                + "non-ASCII): percent-encode them as UTF-8 (RFC 3986 §2.1), e.g. 'é' as %C3%A9."
        case .invalidVersion: "The HTTP version is malformed."
        case .unsupportedVersion: "Only HTTP/1.x is served on this port."
        case .unsupportedMethod: "This server does not tunnel (CONNECT)."
        case .bareLineFeed: "A line ends in LF without CR."
        case .bareCarriageReturn: "A CR appears that is not followed by LF."
        case .invalidFieldName: "A header field name is not a valid token, or a field line has no colon."
        case .whitespaceBeforeColon: "Whitespace between a header field name and its colon."
        case .obsoleteLineFolding: "Obsolete line folding (a field line starting with whitespace)."
        case .invalidFieldValue: "A header field value contains a control character."
        case .fieldLineTooLong: "A header field line is longer than this server accepts."
        case .headerSectionTooLarge: "The header section is larger than this server accepts."
        case .tooManyFields: "The request has more header fields than this server accepts."
        case .missingHost: "An HTTP/1.1 request must carry exactly one Host header field."
        case .duplicateHost: "The request carries more than one Host header field."
        case .invalidHost: "The Host header field is not a valid host and optional port."
        case .invalidContentLength: "Content-Length is not one non-negative decimal number."
        case .contentLengthWithTransferEncoding: "Content-Length and Transfer-Encoding together."
        case .transferEncodingInHTTP10: "Transfer-Encoding in an HTTP/1.0 request."
        case .chunkedNotFinal: "Transfer-Encoding does not end in 'chunked'."
        case .unsupportedTransferCoding: "A transfer coding other than 'chunked'."
        case .invalidChunk: "The chunked request body is malformed."
        case .contentTooLarge: "The request body is larger than this server accepts."
        case .unsupportedExpectation: "The only expectation this server meets is '100-continue'."
        case .requestTimeout: "The request did not arrive in time."
        }
    }
}
