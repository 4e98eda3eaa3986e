/// Serializes a response head (RFC 9112 §4, §6). The framing fields are the serializer's alone:
/// `Content-Length`, `Connection` and `Date` given by the responder are ignored and written here.
public enum ResponseHead {
    /// The head bytes for `response`, ending in the empty line. `Content-Length` is the body's length
    /// even when the server then sends no body (HEAD keeps the GET's, RFC 9110 §9.3.2).
    ///
    /// - `date` is an IMF-fixdate (`HTTPDate.format`), passed in because this module reads no clock.
    /// - `connection`: `.close` adds `Connection: close`; `.keepAliveHTTP10` adds `Connection: keep-alive`.
    /// - Any field whose name is not a token or whose value holds CR, LF, NUL or another control character
    ///   is not written: a response can never be split (RFC 9110 §5.5).
    public static func bytes(
        for response: HTTPResponse, date: String, connection: ConnectionDirective
    ) -> [UInt8] {
        bytes(for: response, date: DateField(date), connection: connection)
    }

    /// The same, with the `Date` line encoded once (an event loop encodes it once a second).
    public static func bytes(
        for response: HTTPResponse, date: DateField, connection: ConnectionDirective
    ) -> [UInt8] {
        var out: [UInt8] = []
        write(response, date: date, connection: connection, into: &out)
        return out
    }

    /// The same bytes, appended to `out`: an event loop writes every head into one array, whose storage
    /// is free again (and so reused) once the head is sent.
    public static func write(
        _ response: HTTPResponse, date: DateField, connection: ConnectionDirective, into out: inout [UInt8]
    ) {
        if response.status == .ok, response.headers.count == 0 {
            return encodedOK(response, date: date, connection: connection, into: &out)
        }
        // Room for all of it, so the head is one allocation: the status line, Date, the fields, the
        // encoded fields, the request id, Content-Length and Connection with their line ends (a bound,
        // not the size).
        var capacity = 128 + response.status.reasonPhrase.utf8.count + date.line.count
        for field in response.headers { capacity += field.name.utf8.count + field.value.utf8.count + 4 }
        capacity += response.requestID?.utf8.count ?? 0
        out.reserveCapacity(out.count + capacity + response.encodedHeaders.count)
        if response.status == .ok {
            out.append(contentsOf: okStatusLine)
        } else {
            out.append(contentsOf: httpVersion)
            out.appendDecimal(response.status.code)
            out.append(ByteClass.space)
            appendBytes(of: response.status.reasonPhrase, to: &out)
            appendLine(to: &out)
        }
        out.append(contentsOf: date.line)
        for field in response.headers where !isFramingField(field.name) { appendIfSafe(field, to: &out) }
        out.append(contentsOf: response.encodedHeaders)
        if let requestID = response.requestID { appendIfSafe(value: requestID, after: requestIDName, to: &out) }
        if response.status.allowsContent || response.status.code == 304 {
            // 304 repeats the length the 200 would have had only when it is given explicitly; we send none.
            if response.status.code != 304 {
                out.append(contentsOf: contentLengthName)
                out.appendDecimal(response.body.count)
                appendLine(to: &out)
            }
        }
        switch connection {
        case .close: appendField("Connection", "close", to: &out)
        case .keepAliveHTTP10: appendField("Connection", "keep-alive", to: &out)
        case .keepAlive: break
        }
        appendLine(to: &out)
    }

    /// The usual head: a 200 whose fields were all encoded ahead (a precomputed representation's), the same
    /// bytes as the general path writes. Its size is counted first, so the array grows (if it must) once,
    /// to its size, and its constant parts are static strings: nothing is retained or initialised lazily.
    private static func encodedOK(
        _ response: HTTPResponse, date: DateField, connection: ConnectionDirective, into out: inout [UInt8]
    ) {
        var requestID = response.requestID ?? ""
        let writesID = response.requestID != nil && requestID.withUTF8 { ByteClass.fieldValueIsASCII($0) == true }
        let length = response.body.count
        let digits = DecimalDigits.count(length)
        let connectionLine: StaticString =
            switch connection {
            case .close: "Connection: close\r\n"
            case .keepAliveHTTP10: "Connection: keep-alive\r\n"
            case .keepAlive: ""
            }
        let size =
            okStatus.utf8CodeUnitCount + date.line.count + response.encodedHeaders.count
            + (writesID ? requestIDPrefix.utf8CodeUnitCount + requestID.utf8.count + 2 : 0)
            + contentLengthPrefix.utf8CodeUnitCount + digits + 2 + connectionLine.utf8CodeUnitCount + 2
        // Written on the stack, then copied once into the array: the array initialisers that take a size
        // go through the standard library's unspecialised allocation, four times slower.
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: size) { buffer in
            guard let start = buffer.baseAddress else { preconditionFailure("a head has at least its status line") }
            var head = HeadWriter(next: start)
            head.write(okStatus)
            date.line.withUnsafeBufferPointer { head.write($0) }
            response.encodedHeaders.withUnsafeBufferPointer { head.write($0) }
            if writesID {
                head.write(requestIDPrefix)
                requestID.withUTF8 { head.write($0) }
                head.write("\r\n")
            }
            head.write(contentLengthPrefix)
            DecimalDigits.write(length, count: digits, to: head.next)
            head.next += digits
            head.write("\r\n")
            head.write(connectionLine)
            head.write("\r\n")
            precondition(head.next - start == size, "the head's size was miscounted")
            out.reserveCapacity(out.count + size)
            out.append(contentsOf: UnsafeBufferPointer(buffer))
        }
    }

    /// Writes forward from `next`, into storage the caller sized.
    private struct HeadWriter {
        var next: UnsafeMutablePointer<UInt8>

        mutating func write(_ bytes: UnsafeBufferPointer<UInt8>) {
            guard let base = bytes.baseAddress else { return }
            next.update(from: base, count: bytes.count)
            next += bytes.count
        }

        mutating func write(_ text: StaticString) {
            write(UnsafeBufferPointer(start: text.utf8Start, count: text.utf8CodeUnitCount))
        }
    }

    private static let okStatus: StaticString = "HTTP/1.1 200 OK\r\n"
    private static let requestIDPrefix: StaticString = "X-Request-Id: "
    private static let contentLengthPrefix: StaticString = "Content-Length: "

    /// Encodes header fields once, with the same checks as `bytes(for:date:connection:)`: framing fields
    /// and unsafe fields are dropped.
    public static func encode(_ headers: HTTPHeaders) -> EncodedHeaders {
        var out: [UInt8] = []
        for field in headers where !isFramingField(field.name) { appendIfSafe(field, to: &out) }
        return EncodedHeaders(bytes: out)
    }

    /// A `Date` field line, encoded once for every response of the same second.
    public struct DateField: Sendable, Equatable {
        let line: [UInt8]

        /// `date` is an IMF-fixdate (`HTTPDate.format`).
        public init(_ date: String) {
            var line: [UInt8] = []
            ResponseHead.appendField("Date", date, to: &line)
            self.line = line
        }
    }

    private static let httpVersion = Array("HTTP/1.1 ".utf8)
    private static let requestIDName = Array("X-Request-Id: ".utf8)
    private static let okStatusLine = Array("HTTP/1.1 200 OK\r\n".utf8)
    private static let contentLengthName = Array("Content-Length: ".utf8)

    public enum ConnectionDirective: Sendable, Equatable {
        case keepAlive, keepAliveHTTP10, close
    }

    static func isFramingField(_ name: String) -> Bool {
        switch name.utf8.count {
        case 4: name.equalsIgnoringASCIICase("date")
        case 10: name.equalsIgnoringASCIICase("connection")
        case 14: name.equalsIgnoringASCIICase("content-length")
        case 17: name.equalsIgnoringASCIICase("transfer-encoding")
        default: false
        }
    }

    /// Appends the field and its line end, or nothing when its name is not a token or its value holds CR,
    /// LF, NUL or another control character. The value is checked in one pass over its UTF-8 bytes (every
    /// byte of a multi-byte scalar passes); a value that is not ASCII is written as Latin-1, scalar by
    /// scalar (obs-text), and dropped if one of its scalars is above U+00FF.
    private static func appendIfSafe(_ field: HTTPHeaders.Field, to out: inout [UInt8]) {
        var (name, value) = (field.name, field.value)
        let start = out.count
        // Written as it is checked, each part in one pass; taken back when a check fails.
        let nameIsToken = name.withUTF8 { name in
            out.append(contentsOf: name)
            return !name.isEmpty && name.allSatisfy(ByteClass.isTokenChar)
        }
        out.append(ByteClass.colon)
        out.append(ByteClass.space)
        let valueStart = out.count
        let ascii = value.withUTF8 { value in
            out.append(contentsOf: value)
            return ByteClass.fieldValueIsASCII(value)
        }
        guard nameIsToken, let ascii else { return out.removeSubrange(start...) }
        if !ascii {  // obs-text: Latin-1, a byte per scalar, none above U+00FF
            guard value.unicodeScalars.allSatisfy({ $0.value <= 0xFF }) else { return out.removeSubrange(start...) }
            out.removeSubrange(valueStart...)
            for scalar in value.unicodeScalars { out.append(UInt8(truncatingIfNeeded: scalar.value)) }
        }
        appendLine(to: &out)
    }

    /// Appends `name` (its line's start, up to the value) and `value` with the line end, or nothing when
    /// the value holds anything but printable ASCII and tabs.
    private static func appendIfSafe(value: String, after name: [UInt8], to out: inout [UInt8]) {
        var value = value
        let start = out.count
        out.append(contentsOf: name)
        guard
            value.withUTF8({ value in
                out.append(contentsOf: value)
                return ByteClass.fieldValueIsASCII(value) == true
            })
        else { return out.removeSubrange(start...) }
        appendLine(to: &out)
    }

    /// Appends a field whose name and ASCII value are known to be safe.
    fileprivate static func appendField(_ name: String, _ value: String, to out: inout [UInt8]) {
        appendBytes(of: name, to: &out)
        out.append(ByteClass.colon)
        out.append(ByteClass.space)
        appendBytes(of: value, to: &out)
        appendLine(to: &out)
    }

    /// A string's UTF-8 bytes in one copy, small strings (up to 15 bytes, kept inline) included: their
    /// `utf8` view has no contiguous storage, and appending it goes byte by byte.
    private static func appendBytes(of string: String, to out: inout [UInt8]) {
        var string = string
        string.withUTF8 { out.append(contentsOf: $0) }
    }

    private static func appendLine(to out: inout [UInt8]) {
        out.append(ByteClass.cr)
        out.append(ByteClass.lf)
    }
}
