/// `Host = uri-host [ ":" port ]` (RFC 9112 §3.2, RFC 3986 §3.2.2).
enum HostValidator {
    static func isValid(_ bytes: some Collection<UInt8>) -> Bool {
        let bytes = Array(bytes)
        if bytes.first == UInt8(ascii: "[") {
            guard let close = bytes.firstIndex(of: UInt8(ascii: "]")) else { return false }
            let literal = bytes[1..<close]
            guard !literal.isEmpty,
                literal.allSatisfy({
                    ByteClass.hexValue($0) != nil || $0 == ByteClass.colon || $0 == UInt8(ascii: ".")
                })
            else { return false }
            return isValidPortSuffix(bytes[(close + 1)...])
        }
        let colon = bytes.firstIndex(of: ByteClass.colon) ?? bytes.endIndex
        let host = bytes[..<colon]
        guard
            host.allSatisfy({
                ByteClass.isUnreserved($0) || ByteClass.isSubDelim($0) || $0 == UInt8(ascii: "%")
            })
        else { return false }
        return isValidPortSuffix(bytes[colon...])
    }

    private static func isValidPortSuffix(_ bytes: ArraySlice<UInt8>) -> Bool {
        guard let first = bytes.first else { return true }
        guard first == ByteClass.colon else { return false }
        let port = bytes.dropFirst()
        return port.count <= 5 && port.allSatisfy(ByteClass.isDigit)
    }
}
