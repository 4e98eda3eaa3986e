/// How the body of a request is delimited (RFC 9112 §6.3), and how much of it is still to come.
struct BodyFraming: Sendable {
    enum Kind: Sendable {
        case length(remaining: Int)
        case chunked(ChunkState)
    }

    enum ChunkState: Sendable {
        case size
        case data(remaining: Int)
        case dataEnd
        case trailers(count: Int)
    }

    var kind: Kind

    /// Checks the head's framing fields and decides how its body is delimited. Throws for every shape a
    /// request smuggler could use: CL with TE, a bad or repeated CL, TE in HTTP/1.0, TE not ending in
    /// chunked (RFC 9112 §6.1, §6.3; RFC 9110 §8.6).
    init(validating request: borrowing HTTPRequest, limits: HTTPLimits) throws(HTTPParseError) {
        let headers = request.headers
        guard headers.contains(.contentLength) || headers.contains(.transferEncoding) else {
            kind = .length(remaining: 0)  // the usual request: no body
            return
        }
        let lengths = headers.values(.contentLength)
        let codings = headers.tokens("transfer-encoding")
        if headers.contains(.transferEncoding) {
            if !lengths.isEmpty { throw .contentLengthWithTransferEncoding }
            if request.version.minor == 0 { throw .transferEncodingInHTTP10 }
            if codings != ["chunked"] {
                // chunked must be the final coding, once (400); any other coding is one we lack (501).
                let chunkedCount = codings.filter { $0 == "chunked" }.count
                if codings.isEmpty || chunkedCount > 1 || (chunkedCount == 1 && codings.last != "chunked") {
                    throw .chunkedNotFinal
                }
                throw .unsupportedTransferCoding
            }
            kind = .chunked(.size)
        } else if lengths.isEmpty {
            kind = .length(remaining: 0)
        } else {
            guard lengths.count == 1, let length = Self.contentLength(lengths[0]) else {
                throw .invalidContentLength
            }
            guard length <= limits.maxBodyBytes else { throw .contentTooLarge }
            kind = .length(remaining: length)
        }
    }

    /// A request that asks `Expect: 100-continue` and announces a body. This read-only API never needs a
    /// body, so it answers with the final status at once instead of `100 Continue` (RFC 9110 §10.1.1
    /// allows it), leaves the body unread and closes the connection after the response.
    static func skipsBody(_ request: HTTPRequest, framing: BodyFraming) -> Bool {
        guard request.version.minor >= 1, request.headers.contains(.expect) else { return false }
        if case .length(0) = framing.kind { return false }
        return true
    }

    /// `Content-Length = 1*DIGIT` (RFC 9110 §8.6): no sign, no spaces, no list, at most 15 digits so it
    /// can never overflow.
    static func contentLength(_ value: String) -> Int? {
        let bytes = value.utf8
        guard !bytes.isEmpty, bytes.count <= 15, bytes.allSatisfy(ByteClass.isDigit) else { return nil }
        return bytes.reduce(0) { $0 * 10 + Int($1 - UInt8(ascii: "0")) }
    }
}

extension RequestParser {
    /// Moves buffered body bytes into `request.body`. Returns true once the body is complete.
    mutating func consumeBody(
        into request: inout HTTPRequest, framing: inout BodyFraming
    ) throws(HTTPParseError) -> Bool {
        while true {
            switch framing.kind {
            case .length(let remaining):
                let take = min(remaining, bufferedByteCount)
                request.body.append(contentsOf: buffer[readIndex..<(readIndex + take)])
                readIndex += take
                scanIndex = readIndex
                framing.kind = .length(remaining: remaining - take)
                return remaining == take

            case .chunked(.size):
                guard let line = try nextLine(limit: 1024, tooLong: .invalidChunk) else { return false }
                let size = try Self.chunkSize(buffer[line])
                guard request.body.count + size <= limits.maxBodyBytes else { throw .contentTooLarge }
                framing.kind = .chunked(size == 0 ? .trailers(count: 0) : .data(remaining: size))

            case .chunked(.data(let remaining)):
                let take = min(remaining, bufferedByteCount)
                request.body.append(contentsOf: buffer[readIndex..<(readIndex + take)])
                readIndex += take
                scanIndex = readIndex
                guard take == remaining else {
                    framing.kind = .chunked(.data(remaining: remaining - take))
                    return false
                }
                framing.kind = .chunked(.dataEnd)

            case .chunked(.dataEnd):
                guard bufferedByteCount >= 2 else { return false }
                guard buffer[readIndex] == ByteClass.cr, buffer[readIndex + 1] == ByteClass.lf else {
                    throw .invalidChunk
                }
                readIndex += 2
                scanIndex = readIndex
                framing.kind = .chunked(.size)

            case .chunked(.trailers(let count)):
                guard let line = try nextLine(limit: limits.maxFieldLineBytes, tooLong: .fieldLineTooLong) else {
                    return false
                }
                if line.isEmpty { return true }
                guard count < limits.maxFieldCount else { throw .tooManyFields }
                _ = try buffer.withUnsafeBufferPointer { bytes throws(HTTPParseError) in
                    try PartialHead.parseFieldLine(bytes[line])
                }
                framing.kind = .chunked(.trailers(count: count + 1))
            }
        }
    }

    /// `chunk-size [ chunk-ext ]` (RFC 9112 §7.1): hex digits, then nothing or `;` extensions. At most
    /// 8 hex digits, so the size can never overflow; whitespace is refused.
    static func chunkSize(_ line: ArraySlice<UInt8>) throws(HTTPParseError) -> Int {
        let digitsEnd = line.firstIndex { $0.hexDigitValue == nil } ?? line.endIndex
        let digits = line[..<digitsEnd]
        guard !digits.isEmpty, digits.count <= 8 else { throw .invalidChunk }
        let extensions = line[digitsEnd...]
        if let first = extensions.first {
            guard first == UInt8(ascii: ";"), extensions.allSatisfy(ByteClass.isFieldValueChar),
                !extensions.contains(ByteClass.space), !extensions.contains(ByteClass.tab)
            else { throw .invalidChunk }
        }
        return digits.reduce(0) { $0 << 4 | Int($1.hexDigitValue ?? 0) }
    }
}
