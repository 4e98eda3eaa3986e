/// Every size limit the parser enforces, in one value (DESIGN.md, "HTTP/1.1 rules and limits").
public struct HTTPLimits: Sendable, Equatable {
    /// Longest request line, CRLF excluded. Over it: 414 (RFC 9112 §3).
    public var maxRequestLineBytes = 8 * 1024
    /// Longest single field line, CRLF excluded. Over it: 431 (RFC 6585 §5).
    public var maxFieldLineBytes = 8 * 1024
    /// Largest header section (all field lines with their CRLFs, the final CRLF too). Over it: 431.
    public var maxHeaderSectionBytes = 32 * 1024
    /// Most field lines in one header section. Over it: 431.
    public var maxFieldCount = 100
    /// Largest request body read and discarded; a larger declared or chunked body is 413 and a close.
    public var maxBodyBytes = 64 * 1024
    /// Empty lines tolerated before a request line (RFC 9112 §2.2 SHOULD ignore at least one).
    public var maxLeadingEmptyLines = 4

    public init() {}
}
