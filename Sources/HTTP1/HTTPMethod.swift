/// A request method token (RFC 9110 §9.1). Methods are case-sensitive: `get` is not `GET`.
public struct HTTPMethod: Hashable, Sendable, CustomStringConvertible {
    public let rawValue: String

    public init(_ rawValue: String) { self.rawValue = rawValue }

    /// A token already checked by the parser; GET and HEAD, nearly every request, make no string.
    init(_ token: UnsafeBufferPointer<UInt8>) {
        switch token.count {
        case 3 where token[0] == UInt8(ascii: "G") && token[1] == UInt8(ascii: "E") && token[2] == UInt8(ascii: "T"):
            self = .get
        case 4 where token.elementsEqual("HEAD".utf8):
            self = .head
        default:
            self.init(String(decoding: token, as: UTF8.self))
        }
    }

    public static let get = HTTPMethod("GET")
    public static let head = HTTPMethod("HEAD")
    public static let post = HTTPMethod("POST")
    public static let put = HTTPMethod("PUT")
    public static let delete = HTTPMethod("DELETE")
    public static let connect = HTTPMethod("CONNECT")
    public static let options = HTTPMethod("OPTIONS")
    public static let trace = HTTPMethod("TRACE")
    public static let patch = HTTPMethod("PATCH")
    public static let query = HTTPMethod("QUERY")

    /// The methods this server recognises: RFC 9110's eight, PATCH (RFC 5789) and QUERY (the IETF
    /// safe-method-with-body draft). Any other token is answered 501 Not Implemented (RFC 9110 §9.1);
    /// a recognised one a route lacks is 405 with `Allow`.
    public static let recognised: Set<HTTPMethod> = [
        .get, .head, .post, .put, .delete, .connect, .options, .trace, .patch, .query,
    ]

    /// Asked for every request: compares the token with the recognised ones, GET first, without hashing it.
    public var isRecognised: Bool {
        switch rawValue {
        case "GET", "HEAD", "POST", "PUT", "DELETE", "CONNECT", "OPTIONS", "TRACE", "PATCH", "QUERY": true
        default: false
        }
    }

    public var description: String { rawValue }
}
