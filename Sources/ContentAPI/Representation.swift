import ContentModel
import HTTP1

/// A response body computed once: its bytes, their gzip encoding when that is worth sending, and a
/// strong ETag for each (RFC 9110 §8.8.3). Derived from the bytes alone, so every replica agrees.
/// The header lines of a 200 for each encoding are encoded once too.
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
    /// The pattern of the endpoint this representation answers (`/v1/agents/{id}`), for metrics.
    var endpoint = ""
    /// Every header of a 200 but the request id, for identity and for gzip.
    let identityHeaders: EncodedHeaders
    let gzipHeaders: EncodedHeaders

    /// gzip is kept only when it saves at least 10 % and 128 bytes.
    /// `common` holds the headers every content response carries (caching, version, CORS).
    public init(
        contentType: String, bytes: [UInt8], link: String? = nil, contentLocation: String? = nil,
        common: HTTPHeaders = HTTPHeaders()
    ) {
        self.contentType = contentType
        self.identity = bytes
        self.link = link
        self.contentLocation = contentLocation
        let hash = FNV1a.hex(bytes)
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
        (identityHeaders, gzipHeaders) = Self.encodeHeaders(
            contentType: contentType, identityTag: identityTag, gzipTag: gzipTag, link: link,
            contentLocation: contentLocation, common: common)
        self.common = common
    }

    private let common: HTTPHeaders

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
        common = other.common
        self.contentLocation = contentLocation
        (identityHeaders, gzipHeaders) = Self.encodeHeaders(
            contentType: contentType, identityTag: identityTag, gzipTag: gzipTag, link: link,
            contentLocation: contentLocation, common: common)
    }

    private static func encodeHeaders(
        contentType: String, identityTag: String, gzipTag: String?, link: String?, contentLocation: String?,
        common: HTTPHeaders
    ) -> (EncodedHeaders, EncodedHeaders) {
        func block(tag: String, gzip: Bool) -> EncodedHeaders {
            var headers = HTTPHeaders([("ETag", tag), ("Content-Type", contentType)])
            if gzip { headers.add("Content-Encoding", "gzip") }
            if let link { headers.add("Link", link) }
            if let contentLocation { headers.add("Content-Location", contentLocation) }
            for field in common { headers.add(field.name, field.value) }
            return ResponseHead.encode(headers)
        }
        return (block(tag: identityTag, gzip: false), block(tag: gzipTag ?? identityTag, gzip: gzipTag != nil))
    }

}
