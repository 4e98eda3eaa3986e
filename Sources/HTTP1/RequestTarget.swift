/// The request-target forms of RFC 9112 §3.2, parsed and decoded.
struct RequestTarget: Equatable {
    var path: String
    var query: String?
    /// The authority of an absolute-form target, which replaces Host (RFC 9112 §3.2.2).
    var authority: String?

    /// Parses origin-form (`/a/b?q`), absolute-form (`http://host/a?q`) and, for OPTIONS only,
    /// asterisk-form (`*`). Authority-form is CONNECT's, which the parser refuses before this point.
    static func parse(_ bytes: ByteSlice, method: HTTPMethod) throws(HTTPParseError) -> RequestTarget {
        if bytes.count == 1, bytes.first == UInt8(ascii: "*") {
            guard method == .options else { throw .invalidTarget }
            return RequestTarget(path: "*", query: nil, authority: nil)
        }
        if bytes.first == UInt8(ascii: "/") {
            return try parseOriginForm(bytes, authority: nil)
        }
        return try parseAbsoluteForm(bytes)
    }

    private static func parseAbsoluteForm(_ bytes: ByteSlice) throws(HTTPParseError) -> RequestTarget {
        guard let schemeEnd = bytes.firstIndex(of: UInt8(ascii: ":")) else { throw .invalidTarget }
        let scheme = String(decoding: bytes[..<schemeEnd], as: UTF8.self).asciiLowercased()
        guard scheme == "http" || scheme == "https" else { throw .invalidTarget }
        let rest = bytes[(schemeEnd + 1)...]
        guard rest.starts(with: "//".utf8) else { throw .invalidTarget }
        let authorityStart = rest.startIndex + 2
        let authorityEnd =
            rest[authorityStart...].firstIndex { $0 == UInt8(ascii: "/") || $0 == UInt8(ascii: "?") } ?? rest.endIndex
        let authority = rest[authorityStart..<authorityEnd]
        guard !authority.isEmpty, HostValidator.isValid(authority), !authority.contains(UInt8(ascii: "@")) else {
            throw .invalidTarget
        }
        var pathAndQuery = Array(rest[authorityEnd...])
        if pathAndQuery.first != UInt8(ascii: "/") { pathAndQuery.insert(UInt8(ascii: "/"), at: 0) }
        let host = String(decoding: authority, as: UTF8.self)
        return try pathAndQuery.withUnsafeBufferPointer { bytes throws(HTTPParseError) in
            try parseOriginForm(bytes[...], authority: host)
        }
    }

    private static func parseOriginForm(
        _ bytes: ByteSlice, authority: String?
    ) throws(HTTPParseError) -> RequestTarget {
        let queryStart = bytes.firstIndex(of: UInt8(ascii: "?"))
        let rawPath = bytes[..<(queryStart ?? bytes.endIndex)]
        var query: String?
        if let queryStart {
            // The query is the application's to decode: a bad escape there is a bad parameter value,
            // which the application can name (and answer without closing the connection). Only bytes
            // that can never be in a query are refused here.
            let rawQuery = bytes[(queryStart + 1)...]
            guard rawQuery.allSatisfy({ ByteClass.isQueryChar($0) || $0 == UInt8(ascii: "%") }) else {
                throw .invalidTarget
            }
            query = String(decoding: rawQuery, as: UTF8.self)
        }
        return RequestTarget(path: try decodePath(rawPath), query: query, authority: authority)
    }

    /// Decodes each segment once, strictly: bad or truncated escapes, `%00`, an encoded `/`, invalid
    /// UTF-8 (overlong forms included) and `.`/`..` segments are all errors, so no spelling of a path
    /// can reach outside the route table (RFC 3986 §2.1, §5.2.4; RFC 3629 §3).
    static func decodePath(_ raw: ByteSlice) throws(HTTPParseError) -> String {
        if let plain = plainPath(UnsafeBufferPointer(rebasing: raw)) { return plain }
        var decoded: [UInt8] = []
        decoded.reserveCapacity(raw.count)
        for segment in raw.split(separator: UInt8(ascii: "/"), omittingEmptySubsequences: false).dropFirst() {
            decoded.append(UInt8(ascii: "/"))
            let start = decoded.count
            var index = segment.startIndex
            while index < segment.endIndex {
                let byte = segment[index]
                if byte == UInt8(ascii: "%") {
                    let value = try escapedByte(segment, at: index)
                    guard value != 0, value != UInt8(ascii: "/") else { throw .invalidTarget }
                    decoded.append(value)
                    index += 3
                } else {
                    guard ByteClass.isPathChar(byte) else { throw .invalidTarget }
                    decoded.append(byte)
                    index += 1
                }
            }
            try decoded.withUnsafeBufferPointer { bytes throws(HTTPParseError) in
                try checkNotDotSegment(bytes, start..<bytes.count)
            }
        }
        guard let path = String(validatingUTF8Bytes: decoded) else { throw .invalidTarget }
        return path
    }

    /// The usual target: an origin-form path without escape, query or dot segment, checked in one pass and
    /// taken as it is. Nil for any other target, which the full parse then reads and, if need be, refuses.
    static func plainPath(_ bytes: UnsafeBufferPointer<UInt8>) -> String? {
        guard plainPathLength(bytes) == bytes.count else { return nil }
        return String(decoding: bytes, as: UTF8.self)  // path characters are ASCII
    }

    /// How many bytes the target's path takes when it is plain (no escape, no dot segment), up to its end
    /// or its `?`; nil otherwise.
    static func plainPathLength(_ bytes: UnsafeBufferPointer<UInt8>) -> Int? {
        guard !bytes.isEmpty, let base = bytes.baseAddress, base[0] == UInt8(ascii: "/") else { return nil }
        var segmentStart = 1
        var index = 1
        while true {
            // The end of the path closes its last segment.
            let atEnd = index == bytes.count || base[index] == UInt8(ascii: "?")
            let byte = atEnd ? UInt8(ascii: "/") : base[index]
            if byte == UInt8(ascii: "/") {
                if isDotSegment(bytes, segmentStart..<index) { return nil }
                if atEnd { return index }
                segmentStart = index + 1
            } else if !ByteClass.path.contains(byte) {
                return nil
            }
            index += 1
        }
    }

    /// The usual target with a query: a plain path of `pathLength` bytes (`plainPathLength`), `?`, and a
    /// query of the bytes a query may hold (its escapes are the application's to decode, as
    /// `parseOriginForm` leaves them). The target, path and query as the full parse gives them; nil for
    /// any other target.
    static func plainPathAndQuery(
        _ bytes: UnsafeBufferPointer<UInt8>, pathLength: Int
    ) -> (target: String, path: String, query: String)? {
        guard pathLength < bytes.count,
            bytes[(pathLength + 1)...].allSatisfy({ ByteClass.isQueryChar($0) || $0 == UInt8(ascii: "%") })
        else { return nil }
        // Three strings from the bytes (ASCII, as both classes are): cutting the path and query from the
        // target's string costs more than reading the bytes again.
        return (
            String(decoding: bytes, as: UTF8.self),
            String(decoding: UnsafeBufferPointer(rebasing: bytes[..<pathLength]), as: UTF8.self),
            String(decoding: UnsafeBufferPointer(rebasing: bytes[(pathLength + 1)...]), as: UTF8.self)
        )
    }

    private static func checkNotDotSegment(
        _ bytes: UnsafeBufferPointer<UInt8>, _ segment: Range<Int>
    ) throws(HTTPParseError) {
        if isDotSegment(bytes, segment) { throw .invalidTarget }
    }

    /// Whether the segment is `.` or `..`.
    private static func isDotSegment(_ bytes: UnsafeBufferPointer<UInt8>, _ segment: Range<Int>) -> Bool {
        let dot = UInt8(ascii: ".")
        return (segment.count == 1 || segment.count == 2) && bytes[segment.lowerBound] == dot
            && bytes[segment.upperBound - 1] == dot
    }

    private static func escapedByte(_ bytes: ByteSlice, at index: Int) throws(HTTPParseError) -> UInt8 {
        guard index + 2 < bytes.endIndex,
            let high = bytes[index + 1].hexDigitValue,
            let low = bytes[index + 2].hexDigitValue
        else { throw .invalidTarget }
        return high << 4 | low
    }
}

extension String {
    /// Strict UTF-8 decoding: nil for any invalid sequence, overlong forms and surrogates included.
    init?(validatingUTF8Bytes bytes: some Collection<UInt8>) {
        if bytes.allSatisfy({ $0 < 0x80 }) {
            self = String(decoding: bytes, as: UTF8.self)
            return
        }
        var iterator = bytes.makeIterator()
        var decoder = UTF8()
        var scalars = String.UnicodeScalarView()
        loop: while true {
            switch decoder.decode(&iterator) {
            case .scalarValue(let scalar): scalars.append(scalar)
            case .emptyInput: break loop
            case .error: return nil
            }
        }
        self = String(scalars)
    }
}
