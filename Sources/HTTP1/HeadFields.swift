/// `Host = uri-host [ ":" port ]` (RFC 9112 §3.2, RFC 3986 §3.2.2).
enum HostValidator {
    static func isValid<Bytes: Collection<UInt8>>(_ bytes: Bytes) -> Bool {
        if bytes.first == UInt8(ascii: "[") {
            guard let close = bytes.firstIndex(of: UInt8(ascii: "]")) else { return false }
            let literal = bytes[bytes.index(after: bytes.startIndex)..<close]
            guard !literal.isEmpty,
                literal.allSatisfy({
                    $0.hexDigitValue != nil || $0 == ByteClass.colon || $0 == UInt8(ascii: ".")
                })
            else { return false }
            return isValidPortSuffix(bytes[bytes.index(after: close)...])
        }
        let colon = bytes.firstIndex(of: ByteClass.colon) ?? bytes.endIndex
        let host = bytes[..<colon]
        guard host.allSatisfy(ByteClass.regName.contains) else { return false }
        return isValidPortSuffix(bytes[colon...])
    }

    /// The same, for a Host field's value: the usual one (a name or IPv4 address, perhaps a port) in one
    /// pass, anything else as `isValid` reads it.
    static func isValidField(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        var index = 0
        while index < bytes.count, ByteClass.regName.contains(bytes[index]) { index += 1 }
        guard index < bytes.count, bytes[index] == ByteClass.colon else {
            return index == bytes.count || isValid(bytes)
        }
        return isValidPortSuffix(bytes[index...])
    }

    private static func isValidPortSuffix(_ bytes: some Collection<UInt8>) -> Bool {
        guard let first = bytes.first else { return true }
        guard first == ByteClass.colon else { return false }
        let port = bytes.dropFirst()
        return port.count <= 5 && port.allSatisfy(ByteClass.isDigit)
    }
}

/// The head's fields that are not about its body: exactly one valid Host in HTTP/1.1, and no
/// expectation but `100-continue`.
enum HeadFields {
    /// Host (RFC 9112 §3.2): one, valid; required from HTTP/1.1 on.
    static func checkHost(_ request: HTTPRequest) throws(HTTPParseError) {
        let fields = request.headers.fields
        var host: Int?
        // By index: a field's common name is read without copying (and retaining) its strings.
        for index in fields.indices where fields[index].common == .host {
            if host != nil { throw .duplicateHost }
            host = index
        }
        guard let host else {
            if request.version.minor >= 1 { throw .missingHost }
            return
        }
        var value = fields[host].value
        guard value.withUTF8({ HostValidator.isValidField($0) }) else { throw .invalidHost }
    }

    /// Expect (RFC 9110 §10.1.1): only `100-continue`; HTTP/1.0 has no Expect, so it is ignored there.
    static func checkExpectation(_ request: HTTPRequest) throws(HTTPParseError) {
        let headers = request.headers
        if request.version.minor >= 1, headers.contains(.expect), headers.tokens("expect") != ["100-continue"] {
            throw .unsupportedExpectation
        }
    }
}
