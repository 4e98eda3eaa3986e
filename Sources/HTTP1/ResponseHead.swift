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
        var out: [UInt8] = []
        // Room for all of it, so the head is one allocation: the status line, Date, the fields, the
        // encoded fields, Content-Length and Connection with their line ends (a bound, not the size).
        var capacity = 96 + response.status.reasonPhrase.utf8.count + date.utf8.count
        for field in response.headers { capacity += field.name.utf8.count + field.value.utf8.count + 4 }
        out.reserveCapacity(capacity + response.encodedHeaders.count)
        out.append(contentsOf: "HTTP/1.1 ".utf8)
        appendDecimal(response.status.code, to: &out)
        out.append(ByteClass.space)
        out.append(contentsOf: response.status.reasonPhrase.utf8)
        appendLine(to: &out)
        appendField("Date", date, to: &out)
        for field in response.headers where !isFramingField(field.name) { appendIfSafe(field, to: &out) }
        out.append(contentsOf: response.encodedHeaders)
        if response.status.allowsContent || response.status.code == 304 {
            // 304 repeats the length the 200 would have had only when it is given explicitly; we send none.
            if response.status.code != 304 {
                out.append(contentsOf: "Content-Length: ".utf8)
                appendDecimal(response.body.count, to: &out)
                appendLine(to: &out)
            }
        }
        switch connection {
        case .close: appendField("Connection", "close", to: &out)
        case .keepAliveHTTP10: appendField("Connection", "keep-alive", to: &out)
        case .keepAlive: break
        }
        appendLine(to: &out)
        return out
    }

    /// Encodes header fields once, with the same checks as `bytes(for:date:connection:)`: framing fields
    /// and unsafe fields are dropped.
    public static func encode(_ headers: HTTPHeaders) -> EncodedHeaders {
        var out: [UInt8] = []
        for field in headers where !isFramingField(field.name) { appendIfSafe(field, to: &out) }
        return EncodedHeaders(bytes: out)
    }

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
        guard !field.name.isEmpty, field.name.utf8.allSatisfy(ByteClass.isTokenChar) else { return }
        var ascii = true
        for byte in field.value.utf8 {
            guard ByteClass.isFieldValueChar(byte) else { return }
            if byte >= 0x80 { ascii = false }
        }
        guard ascii || field.value.unicodeScalars.allSatisfy({ $0.value <= 0xFF }) else { return }
        appendField(field.name, field.value, ascii: ascii, to: &out)
    }

    /// Appends a field whose name and value are known to be safe; a value that is not `ascii` is written
    /// as Latin-1, one byte per scalar.
    private static func appendField(_ name: String, _ value: String, ascii: Bool = true, to out: inout [UInt8]) {
        out.append(contentsOf: name.utf8)
        out.append(ByteClass.colon)
        out.append(ByteClass.space)
        if ascii {
            out.append(contentsOf: value.utf8)
        } else {
            for scalar in value.unicodeScalars { out.append(UInt8(truncatingIfNeeded: scalar.value)) }
        }
        appendLine(to: &out)
    }

    private static func appendLine(to out: inout [UInt8]) {
        out.append(ByteClass.cr)
        out.append(ByteClass.lf)
    }

    /// Appends a non-negative integer in decimal, most significant digit first.
    static func appendDecimal(_ value: Int, to out: inout [UInt8]) {
        var divisor = 1
        while divisor <= value / 10 { divisor *= 10 }
        while divisor > 0 {
            out.append(UInt8(ascii: "0") + UInt8(value / divisor % 10))
            divisor /= 10
        }
    }
}
