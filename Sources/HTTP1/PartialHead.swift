/// The part of a request head parsed so far, kept between appends.
struct PartialHead: Sendable {
    /// The request as its request line made it, gaining a field per field line: built in place, so that
    /// the finished head is moved out whole rather than assembled from copies of its parts.
    var request: HTTPRequest?
    var headerSectionBytes = 0
    var leadingEmptyLines = 0

    /// Whether the request line has been read. Asked by pattern, not `request != nil`: HTTPRequest is
    /// Equatable, and that comparison would copy the request to compare it with nil.
    var hasRequestLine: Bool {
        if case .some = request { return true }
        return false
    }

    var isEmpty: Bool { !hasRequestLine && leadingEmptyLines == 0 }

    /// The request line is read, and no field line yet.
    var awaitsFirstField: Bool { headerSectionBytes == 0 && hasRequestLine }

    /// The fields hold exactly one valid Host, as a head with the same field lines showed: `checkHost`
    /// would pass. Any field line after those lines makes it false again.
    var hostChecked = false

    /// Takes fields made from `lineBytes` bytes of field lines (CRLFs included) that a head with the same
    /// limits accepted: the same bytes pass the same checks, and count the same against the limits.
    /// `hostChecked`: they hold a Host, which that head's check passed.
    mutating func takeFields(_ headers: HTTPHeaders, lineBytes: Int, hostChecked: Bool) {
        headerSectionBytes += lineBytes
        request?.headers = headers
        self.hostChecked = hostChecked
    }

    /// Takes the request a request line of the same bytes made (before any field): the same bytes pass
    /// the same checks.
    mutating func takeRequestLine(_ request: HTTPRequest) {
        self.request = request
    }

    func lineLimit(_ limits: HTTPLimits) -> Int {
        hasRequestLine ? limits.maxFieldLineBytes : limits.maxRequestLineBytes
    }

    var lineTooLongError: HTTPParseError { hasRequestLine ? .fieldLineTooLong : .requestLineTooLong }

    /// Takes one line of the head. Returns the request and its body framing once the empty line that ends
    /// the head has arrived.
    mutating func consume(
        line: ByteSlice, limits: HTTPLimits
    ) throws(HTTPParseError) -> (HTTPRequest, BodyFraming)? {
        guard hasRequestLine else {  // not bound: that would copy its strings for every field line
            if line.isEmpty {
                leadingEmptyLines += 1
                if leadingEmptyLines > limits.maxLeadingEmptyLines { throw .invalidRequestLine }
                return nil
            }
            request = try Self.parseRequestLine(line)
            return nil
        }
        headerSectionBytes += line.count + 2
        guard headerSectionBytes <= limits.maxHeaderSectionBytes else { throw .headerSectionTooLarge }
        if line.isEmpty, var request = request.take() {
            if !hostChecked { try HeadFields.checkHost(request) }
            let framing = try BodyFraming(validating: request, limits: limits)
            try HeadFields.checkExpectation(request)
            // Set only when true: a setter makes sure the request's storage is its own, a check for nothing.
            if BodyFraming.skipsBody(request, framing: framing) { request.unreadBody = true }
            return (request, framing)
        }
        guard let fieldCount = request?.headers.count, fieldCount < limits.maxFieldCount else {
            throw .tooManyFields
        }
        hostChecked = false
        let field = try Self.parseFieldLine(line)
        // One allocation for most heads (curl sends 3 fields, wrk 1 or 2); kept with the lines for the next head,
        // so not more than most need.
        if fieldCount == 0 { request?.headers.reserveCapacity(4) }
        request?.headers.add(field)
        return nil
    }

    /// `request-line = method SP request-target SP HTTP-version` (RFC 9112 §3), single spaces only.
    static func parseRequestLine(_ line: ByteSlice) throws(HTTPParseError) -> HTTPRequest {
        let bytes = UnsafeBufferPointer(rebasing: line)
        let space = ByteClass.space
        guard let firstSpace = ByteClass.firstIndex(of: space, in: bytes, from: 0, to: bytes.count) else {
            throw .invalidRequestLine
        }
        let methodBytes = UnsafeBufferPointer(rebasing: bytes[..<firstSpace])
        guard !methodBytes.isEmpty, methodBytes.allSatisfy(ByteClass.isTokenChar) else { throw .invalidMethod }
        guard let secondSpace = ByteClass.firstIndex(of: space, in: bytes, from: firstSpace + 1, to: bytes.count)
        else { throw .invalidRequestLine }
        let targetBytes = bytes[(firstSpace + 1)..<secondSpace]
        guard !targetBytes.isEmpty else { throw .invalidRequestLine }
        let version = try parseVersion(bytes[(secondSpace + 1)...])
        let method = HTTPMethod(methodBytes)
        if method == .connect { throw .unsupportedMethod }
        let headers = HTTPHeaders()
        // The usual targets, a plain path with or without a plain query, are taken in one pass. Any other
        // is parsed in full.
        let target = UnsafeBufferPointer(rebasing: targetBytes)
        if let pathLength = RequestTarget.plainPathLength(target) {
            if pathLength == target.count {  // a plain path: one string is both target and path
                let path = String(decoding: target, as: UTF8.self)  // path characters are ASCII
                return HTTPRequest(
                    method: method, target: path, path: path, query: nil, version: version, headers: headers)
            }
            if let plain = RequestTarget.plainPathAndQuery(target, pathLength: pathLength) {
                return HTTPRequest(
                    method: method, target: plain.target, path: plain.path, query: plain.query, version: version,
                    headers: headers)
            }
        }
        if let unsafe = targetBytes.firstIndex(where: { $0 <= 0x20 || $0 >= 0x7F }) {
            let queryStart = targetBytes.firstIndex(of: UInt8(ascii: "?"))
            throw queryStart.map { $0 < unsafe } == true ? .unencodedQuery : .invalidTarget
        }
        let parsed = try RequestTarget.parse(targetBytes, method: method)
        return HTTPRequest(
            method: method, target: String(decoding: targetBytes, as: UTF8.self), path: parsed.path,
            query: parsed.query, version: version, headers: headers)
    }

    /// `HTTP-version = "HTTP/" DIGIT "." DIGIT` (RFC 9112 §2.3). Major versions other than 1 are 505;
    /// a higher minor version is served as HTTP/1.1 (RFC 9110 §6.2).
    static func parseVersion(_ bytes: ByteSlice) throws(HTTPParseError) -> HTTPVersion {
        let start = bytes.startIndex
        guard bytes.count == 8, bytes[start] == UInt8(ascii: "H"), bytes[start + 1] == UInt8(ascii: "T"),
            bytes[start + 2] == UInt8(ascii: "T"), bytes[start + 3] == UInt8(ascii: "P"),
            bytes[start + 4] == UInt8(ascii: "/")
        else { throw .invalidVersion }
        let major = bytes[start + 5]
        let dot = bytes[start + 6]
        let minor = bytes[start + 7]
        guard ByteClass.isDigit(major), dot == UInt8(ascii: "."), ByteClass.isDigit(minor) else {
            throw .invalidVersion
        }
        guard major == UInt8(ascii: "1") else { throw .unsupportedVersion }
        return HTTPVersion(major: 1, minor: Int(minor - UInt8(ascii: "0")))
    }

    /// `field-line = field-name ":" OWS field-value OWS` (RFC 9112 §5). No whitespace before the colon
    /// (§5.1), no obs-fold (§5.2), no control characters in the value (RFC 9110 §5.5).
    static func parseFieldLine(_ line: ByteSlice) throws(HTTPParseError) -> HTTPHeaders.Field {
        let bytes = UnsafeBufferPointer(rebasing: line)
        guard let first = bytes.first else { throw .invalidFieldName }
        if ByteClass.isOWS(first) { throw .obsoleteLineFolding }
        guard let colon = ByteClass.firstIndex(of: ByteClass.colon, in: bytes, from: 0, to: bytes.count), colon > 0
        else { throw .invalidFieldName }
        if ByteClass.isOWS(bytes[colon - 1]) { throw .whitespaceBeforeColon }
        let name = UnsafeBufferPointer(rebasing: bytes[..<colon])
        // A common name is a token as it is matched; only another name is checked byte by byte.
        let common = CommonName.match(name)
        guard common != nil || name.allSatisfy(ByteClass.isTokenChar) else { throw .invalidFieldName }
        var (start, end) = (colon + 1, bytes.count)
        while start < end, ByteClass.isOWS(bytes[start]) { start += 1 }
        while end > start, ByteClass.isOWS(bytes[end - 1]) { end -= 1 }
        let value = UnsafeBufferPointer(rebasing: bytes[start..<end])
        guard let ascii = ByteClass.fieldValueIsASCII(value) else { throw .invalidFieldValue }
        let nameText =
            if let common, common.exact { common.name.spelling } else { String(decoding: name, as: UTF8.self) }
        let valueText = ascii ? String(decoding: value, as: UTF8.self) : String(latin1: value)
        return HTTPHeaders.Field(name: nameText, value: valueText, common: common?.name)
    }
}

extension String {
    /// ISO-8859-1: every byte is the code point of the same value, so obs-text is kept, never rejected.
    init(latin1 bytes: some Collection<UInt8>) {
        if bytes.allSatisfy({ $0 < 0x80 }) {
            self = String(decoding: bytes, as: UTF8.self)
        } else {
            var scalars = String.UnicodeScalarView()
            for byte in bytes { scalars.append(Unicode.Scalar(byte)) }
            self = String(scalars)
        }
    }
}
