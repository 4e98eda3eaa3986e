/// A response body computed once: its bytes, their gzip encoding when that is worth sending, and a
/// strong ETag for each (RFC 9110 §8.8.3). Derived from the bytes alone, so every replica agrees.
public struct Representation: Sendable {
    public let contentType: String
    public let identity: [UInt8]
    public let identityTag: String
    public let gzip: [UInt8]?
    public let gzipTag: String?
    /// A `Link` header value (RFC 8288), for pages of a list.
    public let link: String?
    /// `Content-Location` when the request named the record by an alias.
    public let contentLocation: String?

    /// gzip is kept only when it saves at least 10 % and 128 bytes.
    public init(contentType: String, bytes: [UInt8], link: String? = nil, contentLocation: String? = nil) {
        self.contentType = contentType
        self.identity = bytes
        self.link = link
        self.contentLocation = contentLocation
        let hash = Self.hash(bytes)
        identityTag = "\"\(hash)\""
        if bytes.count >= 256, let compressed = try? Gzip.compress(bytes),
            compressed.count + 128 <= bytes.count, compressed.count * 10 <= bytes.count * 9
        {
            gzip = compressed
            gzipTag = "\"\(hash).gz\""
        } else {
            gzip = nil
            gzipTag = nil
        }
    }

    func withContentLocation(_ location: String) -> Representation {
        Representation(copying: self, contentLocation: location)
    }

    private init(copying other: Representation, contentLocation: String) {
        contentType = other.contentType
        identity = other.identity
        identityTag = other.identityTag
        gzip = other.gzip
        gzipTag = other.gzipTag
        link = other.link
        self.contentLocation = contentLocation
    }

    /// FNV-1a, 64 bits, as 16 hex digits.
    static func hash(_ bytes: [UInt8]) -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in bytes {
            hash ^= UInt64(byte)
            hash = hash &* 0x0000_0100_0000_01B3
        }
        let hex = String(hash, radix: 16)
        return String(repeating: "0", count: 16 - hex.count) + hex
    }
}
