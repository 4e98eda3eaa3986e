import JSON

/// Reads a content file's JSON tree into the model's `Decodable` types after its JSON Schema has judged
/// it, so it never stops at a fault: the schema has already reported every one with its path, and
/// reading goes on so that the cross-reference checks still see every record. A missing or mistyped
/// value reads as its type's empty value ("", 0, false, [], nil, an object of empty values), an unknown
/// enumeration value as the type's `decodingFallback`, and an array element that is not even an object
/// where a record belongs is left out. Keys the types do not declare are ignored: the schema rules them.
struct LenientDecoder: Decoder {
    let value: JSONValue
    var codingPath: [any CodingKey] = []
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    /// `T` read from `value`; throws only where `T` cannot be made at all (a record that is not an object).
    static func decode<T: Decodable>(_ type: T.Type, from value: JSONValue) throws -> T {
        if let collection = T.self as? any LenientCollection.Type {
            guard let result = collection.decodeDroppingFailures(value.items) as? T else {
                throw DecodingError.typeMismatch(T.self, .init(codingPath: [], debugDescription: "array"))
            }
            return result
        }
        do {
            return try T(from: LenientDecoder(value: value))
        } catch {
            if let fallback = (T.self as? any DecodingFallback.Type)?.decodingFallback as? T { return fallback }
            throw error
        }
    }

    /// Like `decode`, but a value that cannot be read at all reads as an empty object's.
    static func decodeField<T: Decodable>(_ type: T.Type, from value: JSONValue) throws -> T {
        do { return try decode(type, from: value) } catch { return try decode(type, from: .object([])) }
    }

    func container<Key: CodingKey>(keyedBy type: Key.Type) throws -> KeyedDecodingContainer<Key> {
        switch value {
        case .object(let fields, _): return KeyedDecodingContainer(Keyed(fields: fields, codingPath: codingPath))
        case .null: return KeyedDecodingContainer(Keyed(fields: [:], codingPath: codingPath))
        default:
            throw DecodingError.typeMismatch(
                [String: JSONValue].self, .init(codingPath: codingPath, debugDescription: "not an object"))
        }
    }

    func unkeyedContainer() throws -> any UnkeyedDecodingContainer {
        Unkeyed(items: value.items, codingPath: codingPath)
    }

    func singleValueContainer() throws -> any SingleValueDecodingContainer {
        Single(value: value, codingPath: codingPath)
    }

    private struct Keyed<Key: CodingKey>: KeyedDecodingContainerProtocol {
        let fields: [String: JSONValue]
        let codingPath: [any CodingKey]
        var allKeys: [Key] { fields.keys.compactMap { Key(stringValue: $0) } }

        func contains(_ key: Key) -> Bool { fields[key.stringValue] != nil }
        func decodeNil(forKey key: Key) throws -> Bool { (fields[key.stringValue] ?? .null) == .null }
        func decode(_ type: Bool.Type, forKey key: Key) throws -> Bool { field(key).bool }
        func decode(_ type: String.Type, forKey key: Key) throws -> String { field(key).string }
        func decode(_ type: Double.Type, forKey key: Key) throws -> Double { field(key).number }
        func decode(_ type: Int.Type, forKey key: Key) throws -> Int { field(key).integer }
        func decode<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T {
            try LenientDecoder.decodeField(type, from: field(key))
        }
        func decodeIfPresent<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T? {
            try decodeNil(forKey: key) ? nil : decode(type, forKey: key)
        }
        func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type, forKey key: Key) throws
            -> KeyedDecodingContainer<NestedKey>
        {
            try LenientDecoder(value: field(key)).container(keyedBy: type)
        }
        func nestedUnkeyedContainer(forKey key: Key) throws -> any UnkeyedDecodingContainer {
            Unkeyed(items: field(key).items, codingPath: codingPath)
        }
        func superDecoder() throws -> any Decoder { LenientDecoder(value: .object(fields, keyOrder: [])) }
        func superDecoder(forKey key: Key) throws -> any Decoder { LenientDecoder(value: field(key)) }

        private func field(_ key: Key) -> JSONValue { fields[key.stringValue] ?? .null }
    }

    private struct Unkeyed: UnkeyedDecodingContainer {
        let items: [JSONValue]
        let codingPath: [any CodingKey]
        var currentIndex = 0
        var count: Int? { items.count }
        var isAtEnd: Bool { currentIndex >= items.count }

        mutating func next() -> JSONValue {
            defer { currentIndex += 1 }
            return isAtEnd ? .null : items[currentIndex]
        }
        mutating func decodeNil() throws -> Bool {
            guard !isAtEnd, items[currentIndex] == .null else { return false }
            currentIndex += 1
            return true
        }
        mutating func decode(_ type: Bool.Type) throws -> Bool { next().bool }
        mutating func decode(_ type: String.Type) throws -> String { next().string }
        mutating func decode(_ type: Double.Type) throws -> Double { next().number }
        mutating func decode(_ type: Int.Type) throws -> Int { next().integer }
        mutating func decode<T: Decodable>(_ type: T.Type) throws -> T {
            try LenientDecoder.decodeField(type, from: next())
        }
        mutating func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type) throws
            -> KeyedDecodingContainer<NestedKey>
        {
            try LenientDecoder(value: next()).container(keyedBy: type)
        }
        mutating func nestedUnkeyedContainer() throws -> any UnkeyedDecodingContainer {
            Unkeyed(items: next().items, codingPath: codingPath)
        }
        mutating func superDecoder() throws -> any Decoder { LenientDecoder(value: next()) }
    }

    private struct Single: SingleValueDecodingContainer {
        let value: JSONValue
        let codingPath: [any CodingKey]

        func decodeNil() -> Bool { value == .null }
        func decode(_ type: Bool.Type) throws -> Bool { value.bool }
        func decode(_ type: String.Type) throws -> String { value.string }
        func decode(_ type: Double.Type) throws -> Double { value.number }
        func decode(_ type: Int.Type) throws -> Int { value.integer }
        func decode<T: Decodable>(_ type: T.Type) throws -> T { try LenientDecoder.decode(type, from: value) }
    }
}

/// An enumeration read from content: the case an unknown value reads as (the schema reports the value).
protocol DecodingFallback {
    static var decodingFallback: Self { get }
}

/// Arrays read element by element, leaving out the elements that cannot be made at all.
protocol LenientCollection {
    static func decodeDroppingFailures(_ items: [JSONValue]) -> Self
}

extension Array: LenientCollection where Element: Decodable {
    static func decodeDroppingFailures(_ items: [JSONValue]) -> [Element] {
        items.compactMap { try? LenientDecoder.decode(Element.self, from: $0) }
    }
}

extension JSONValue {
    fileprivate var items: [JSONValue] { if case .array(let items) = self { items } else { [] } }
    fileprivate var string: String { if case .string(let text) = self { text } else { "" } }
    fileprivate var bool: Bool { if case .bool(let flag) = self { flag } else { false } }
    fileprivate var number: Double { if case .number(let number) = self { number } else { 0 } }
    fileprivate var integer: Int {
        guard case .number(let number) = self, number == number.rounded(), abs(number) < 1e15 else { return 0 }
        return Int(number)
    }
}
