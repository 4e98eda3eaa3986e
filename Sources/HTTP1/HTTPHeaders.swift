/// An ordered list of header fields. Names compare case-insensitively (RFC 9110 §5.1); values are kept as
/// received, decoded as ISO-8859-1 so that legal obs-text bytes (0x80–0xFF) survive (RFC 9110 §5.5).
public struct HTTPHeaders: Sendable, Equatable, Sequence {
    public struct Field: Sendable, Equatable {
        public let name: String
        public let value: String
        /// The name's `CommonName`, found once when the field is made, so that a lookup by a common name
        /// compares a byte instead of two strings.
        public let common: CommonName?

        public init(name: String, value: String) {
            self.init(name: name, value: value, common: CommonName(name))  // one length check for most names
        }

        init(name: String, value: String, common: CommonName?) {
            self.name = name
            self.value = value
            self.common = common
        }

        /// Whether this field is called `name`, compared without ASCII case.
        public func hasName(_ name: String) -> Bool { self.name.equalsIgnoringASCIICase(name) }
    }

    public private(set) var fields: [Field] = []
    /// The common names among `fields`, one bit each: asking for an absent one scans nothing. A request
    /// carries two to five fields and is asked for a dozen names, most of them absent.
    private var present: UInt32 = 0

    public init() {}

    public init(_ pairs: [(String, String)]) {
        for (name, value) in pairs { add(name, value) }
    }

    public var count: Int { fields.count }

    public func makeIterator() -> IndexingIterator<[Field]> { fields.makeIterator() }

    mutating func reserveCapacity(_ count: Int) { fields.reserveCapacity(count) }

    public mutating func add(_ name: String, _ value: String) {
        add(Field(name: name, value: value))
    }

    /// A field with a common name, spelt as `CommonName.spelling` spells it.
    public mutating func add(_ common: CommonName, _ value: String) {
        add(Field(name: common.spelling, value: value, common: common))
    }

    /// Takes the field over: appending a borrowed one would retain both its strings, then release them.
    mutating func add(_ field: consuming Field) {
        if let common = field.common { present |= common.bit }
        fields.append(field)
    }

    /// Replaces every field of this name with one field.
    public mutating func set(_ name: String, _ value: String) {
        remove(name)
        add(name, value)
    }

    public mutating func remove(_ name: String) {
        fields.removeAll { $0.hasName(name) }
        if let common = CommonName(name) { present &= ~common.bit }
    }

    /// The first value of the field, or nil when absent.
    public subscript(_ name: String) -> String? {
        fields.first { $0.hasName(name) }?.value
    }

    public func values(_ name: String) -> [String] {
        fields.filter { $0.hasName(name) }.map(\.value)
    }

    public func contains(_ name: String) -> Bool { self[name] != nil }

    /// The first value of a field with this common name, or nil when absent; no scan when absent.
    public subscript(_ common: CommonName) -> String? {
        guard contains(common) else { return nil }
        return fields.first { $0.common == common }?.value
    }

    public func values(_ common: CommonName) -> [String] {
        guard contains(common) else { return [] }
        return fields.filter { $0.common == common }.map(\.value)
    }

    public func contains(_ common: CommonName) -> Bool { present & common.bit != 0 }

    /// The comma-separated list elements of every field of this name, trimmed and lower-cased
    /// (RFC 9110 §5.6.1), empty elements dropped.
    public func tokens(_ name: String) -> [String] {
        values(name).flatMap { value in
            value.split(separator: ",").map { $0.trimmingOWS().asciiLowercased() }.filter { !$0.isEmpty }
        }
    }
}

/// The field names that the parser, the framing checks and the responder ask for on every request.
/// Each is recognised once, where a field is made, by its length and then its bytes; asking for one by
/// this name compares no strings.
public enum CommonName: UInt8, Sendable, CaseIterable {
    case host, contentLength, transferEncoding, expect, connection, accept, acceptEncoding, ifNoneMatch
    case origin, prefer, userAgent, traceparent, xForwardedFor, ifModifiedSince, xRequestID

    var bit: UInt32 { 1 << rawValue }

    /// The name as clients usually spell it: a field spelt exactly so reuses this string.
    var spelling: String { Self.spellings[Int(rawValue)] }

    private static let spellings = allCases.map { String(describing: $0.spellingUTF8) }

    private var spellingUTF8: StaticString {
        switch self {
        case .host: "Host"
        case .contentLength: "Content-Length"
        case .transferEncoding: "Transfer-Encoding"
        case .expect: "Expect"
        case .connection: "Connection"
        case .accept: "Accept"
        case .acceptEncoding: "Accept-Encoding"
        case .ifNoneMatch: "If-None-Match"
        case .origin: "Origin"
        case .prefer: "Prefer"
        case .userAgent: "User-Agent"
        case .traceparent: "traceparent"
        case .xForwardedFor: "X-Forwarded-For"
        case .ifModifiedSince: "If-Modified-Since"
        case .xRequestID: "X-Request-Id"
        }
    }

    /// The common name these bytes spell, ASCII case aside, and whether they spell it exactly as
    /// `spelling` does; nil for any other name.
    static func match(_ name: UnsafeBufferPointer<UInt8>) -> (name: CommonName, exact: Bool)? {
        guard let first = name.first else { return nil }
        let candidate: CommonName
        switch (name.count, ByteClass.lowercased(first)) {
        case (4, _): candidate = .host
        case (6, UInt8(ascii: "e")): candidate = .expect
        case (6, UInt8(ascii: "a")): candidate = .accept
        case (6, UInt8(ascii: "o")): candidate = .origin
        case (6, UInt8(ascii: "p")): candidate = .prefer
        case (10, UInt8(ascii: "c")): candidate = .connection
        case (10, UInt8(ascii: "u")): candidate = .userAgent
        case (11, _): candidate = .traceparent
        case (12, _): candidate = .xRequestID
        case (13, _): candidate = .ifNoneMatch
        case (14, _): candidate = .contentLength
        case (15, UInt8(ascii: "a")): candidate = .acceptEncoding
        case (15, UInt8(ascii: "x")): candidate = .xForwardedFor
        case (17, UInt8(ascii: "t")): candidate = .transferEncoding
        case (17, UInt8(ascii: "i")): candidate = .ifModifiedSince
        default: return nil
        }
        let spelling = candidate.spellingUTF8.utf8Start
        var exact = true
        for index in 0..<name.count where name[index] != spelling[index] {
            guard ByteClass.lowercased(name[index]) == ByteClass.lowercased(spelling[index]) else { return nil }
            exact = false
        }
        return (candidate, exact)
    }

    init?(_ name: String) {
        var name = name
        guard let (common, _) = name.withUTF8({ CommonName.match($0) }) else { return nil }
        self = common
    }
}

extension String {
    /// ASCII letters compared without case, over both strings' UTF-8 storage (header names are compared
    /// on every request).
    func equalsIgnoringASCIICase(_ other: String) -> Bool {
        guard utf8.count == other.utf8.count else { return false }
        var (a, b) = (self, other)
        return a.withUTF8 { a in b.withUTF8 { b in ByteClass.equalIgnoringCase(a, b) } }
    }
}

extension StringProtocol {
    func asciiLowercased() -> String {
        String(decoding: utf8.map(ByteClass.lowercased), as: UTF8.self)
    }

}

extension StringProtocol {
    /// Without the optional white space (spaces and tabs) around it (RFC 9110 §5.6.3).
    public func trimmingOWS() -> Substring {
        var slice = Substring(self)
        while let first = slice.first, first == " " || first == "\t" { slice = slice.dropFirst() }
        while let last = slice.last, last == " " || last == "\t" { slice = slice.dropLast() }
        return slice
    }
}
