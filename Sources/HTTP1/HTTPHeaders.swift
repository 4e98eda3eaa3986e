/// An ordered list of header fields. Names compare case-insensitively (RFC 9110 §5.1); values are kept as
/// received, decoded as ISO-8859-1 so that legal obs-text bytes (0x80–0xFF) survive (RFC 9110 §5.5).
public struct HTTPHeaders: Sendable, Equatable, Sequence {
    public struct Field: Sendable, Equatable {
        public let name: String
        public let value: String

        public init(name: String, value: String) {
            self.name = name
            self.value = value
        }

        /// Whether this field is called `name`, compared without ASCII case.
        public func hasName(_ name: String) -> Bool { self.name.equalsIgnoringASCIICase(name) }
    }

    public private(set) var fields: [Field] = []

    public init() {}

    public init(_ pairs: [(String, String)]) {
        fields = pairs.map { Field(name: $0.0, value: $0.1) }
    }

    public var count: Int { fields.count }

    public func makeIterator() -> IndexingIterator<[Field]> { fields.makeIterator() }

    mutating func reserveCapacity(_ count: Int) { fields.reserveCapacity(count) }

    public mutating func add(_ name: String, _ value: String) {
        fields.append(Field(name: name, value: value))
    }

    /// Replaces every field of this name with one field.
    public mutating func set(_ name: String, _ value: String) {
        remove(name)
        add(name, value)
    }

    public mutating func remove(_ name: String) {
        fields.removeAll { $0.name.equalsIgnoringASCIICase(name) }
    }

    /// The first value of the field, or nil when absent.
    public subscript(_ name: String) -> String? {
        fields.first { $0.name.equalsIgnoringASCIICase(name) }?.value
    }

    public func values(_ name: String) -> [String] {
        fields.filter { $0.name.equalsIgnoringASCIICase(name) }.map(\.value)
    }

    public func contains(_ name: String) -> Bool { self[name] != nil }

    /// The comma-separated list elements of every field of this name, trimmed and lower-cased
    /// (RFC 9110 §5.6.1), empty elements dropped.
    public func tokens(_ name: String) -> [String] {
        values(name).flatMap { value in
            value.split(separator: ",").map { $0.trimmingOWS().asciiLowercased() }.filter { !$0.isEmpty }
        }
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
