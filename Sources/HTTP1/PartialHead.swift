/// The part of a request head parsed so far, kept between appends.
struct PartialHead: Sendable {
    var requestLine: RequestLine?
    var headers = HTTPHeaders()
    var headerSectionBytes = 0
    var leadingEmptyLines = 0

    struct RequestLine {
        var method: HTTPMethod
        var target: String
        var parsedTarget: RequestTarget
        var version: HTTPVersion
    }

    var isEmpty: Bool { requestLine == nil && leadingEmptyLines == 0 }

    func lineLimit(_ limits: HTTPLimits) -> Int {
        requestLine == nil ? limits.maxRequestLineBytes : limits.maxFieldLineBytes
    }

    var lineTooLongError: HTTPParseError { requestLine == nil ? .requestLineTooLong : .fieldLineTooLong }

    /// Takes one line of the head. Returns the request and its body framing once the empty line that ends
    /// the head has arrived.
    mutating func consume(
        line: ByteSlice, limits: HTTPLimits
    ) throws(HTTPParseError) -> (HTTPRequest, BodyFraming)? {
        guard requestLine != nil else {  // not bound: that would copy its strings for every field line
            if line.isEmpty {
                leadingEmptyLines += 1
                if leadingEmptyLines > limits.maxLeadingEmptyLines { throw .invalidRequestLine }
                return nil
            }
            self.requestLine = try Self.parseRequestLine(line)
            headers.reserveCapacity(8)  // one allocation for a usual head's fields
            return nil
        }
        headerSectionBytes += line.count + 2
        guard headerSectionBytes <= limits.maxHeaderSectionBytes else { throw .headerSectionTooLarge }
        if line.isEmpty, let requestLine = requestLine.take() {
            // The head is done with: its parts are moved into the request, not copied (a copy retains every
            // string in them). A constant while it is checked, then moved: a variable passed to each check
            // is copied for each.
            let checked = HTTPRequest(
                method: requestLine.method, target: requestLine.target, path: requestLine.parsedTarget.path,
                query: requestLine.parsedTarget.query, version: requestLine.version,
                headers: exchange(&headers, with: HTTPHeaders()))
            try HeadFields.checkHost(checked)
            let framing = try BodyFraming(validating: checked, limits: limits)
            try HeadFields.checkExpectation(checked)
            let unreadBody = BodyFraming.skipsBody(checked, framing: framing)
            var request = consume checked
            request.unreadBody = unreadBody
            return (request, framing)
        }
        guard headers.count < limits.maxFieldCount else { throw .tooManyFields }
        let field = try Self.parseFieldLine(line)
        headers.add(field.name, field.value)
        return nil
    }

    /// `request-line = method SP request-target SP HTTP-version` (RFC 9112 §3), single spaces only.
    static func parseRequestLine(_ line: ByteSlice) throws(HTTPParseError) -> RequestLine {
        guard let firstSpace = line.firstIndex(of: ByteClass.space) else { throw .invalidRequestLine }
        let methodBytes = line[..<firstSpace]
        guard !methodBytes.isEmpty, methodBytes.allSatisfy(ByteClass.isTokenChar) else { throw .invalidMethod }
        let afterMethod = line[(firstSpace + 1)...]
        guard let secondSpace = afterMethod.firstIndex(of: ByteClass.space) else { throw .invalidRequestLine }
        let targetBytes = afterMethod[..<secondSpace]
        guard !targetBytes.isEmpty else { throw .invalidRequestLine }
        let version = try parseVersion(afterMethod[(secondSpace + 1)...])
        let method = HTTPMethod(String(decoding: methodBytes, as: UTF8.self))
        if method == .connect { throw .unsupportedMethod }
        if let unsafe = targetBytes.firstIndex(where: { $0 <= 0x20 || $0 >= 0x7F }) {
            let queryStart = targetBytes.firstIndex(of: UInt8(ascii: "?"))
            throw queryStart.map { $0 < unsafe } == true ? .unencodedQuery : .invalidTarget
        }
        let target = try RequestTarget.parse(targetBytes, method: method)
        return RequestLine(
            method: method, target: String(decoding: targetBytes, as: UTF8.self), parsedTarget: target,
            version: version)
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
        guard let first = line.first else { throw .invalidFieldName }
        if first == ByteClass.space || first == ByteClass.tab { throw .obsoleteLineFolding }
        guard let colon = line.firstIndex(of: ByteClass.colon) else { throw .invalidFieldName }
        let name = line[..<colon]
        guard let last = name.last else { throw .invalidFieldName }
        if last == ByteClass.space || last == ByteClass.tab { throw .whitespaceBeforeColon }
        guard name.allSatisfy(ByteClass.isTokenChar) else { throw .invalidFieldName }
        let value = line[(colon + 1)...].trimmingOWS()
        guard value.allSatisfy(ByteClass.isFieldValueChar) else { throw .invalidFieldValue }
        return HTTPHeaders.Field(name: String(decoding: name, as: UTF8.self), value: String(latin1: value))
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
