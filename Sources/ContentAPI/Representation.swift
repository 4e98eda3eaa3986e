import ContentModel
import HTTP1

/// A response body computed once: its bytes, their gzip encoding when that is worth sending, and a
/// strong ETag for each (RFC 9110 §8.8.3). Derived from the bytes alone, so every replica agrees.
/// The header lines of a 200 for each encoding are encoded once too.
public struct Representation: Sendable {
    public var contentType: String { storage.contentType }
    /// Whether this is FHIR JSON (`FHIRView.contentType`), served only to a client that takes it: asked on
    /// every request, so compared once here rather than as two long strings each time.
    var isFHIR: Bool { storage.isFHIR }
    public var identity: [UInt8] { storage.identity }
    public var identityTag: String { storage.identityTag }
    public var gzip: [UInt8]? { storage.gzip }
    public var gzipTag: String? { storage.gzipTag }
    /// A `Link` header value (RFC 8288), for pages of a list.
    public var link: String? { storage.link }
    /// `Content-Location` when the request named the record by an alias.
    public var contentLocation: String? { storage.contentLocation }
    /// The pattern of the endpoint this representation answers (`/v1/agents/{id}`), for metrics.
    var endpoint = ""
    /// `Last-Modified`, when the representation has one (content has; the docs files have not).
    var lastModified: String? { storage.lastModified }

    /// The fields, in one object: a representation is copied out of a cache for every request it answers,
    /// and a copy of this struct retains one reference instead of one per field.
    private let storage: Storage

    private final class Storage: Sendable {
        let contentType: String
        let isFHIR: Bool
        let identity: [UInt8]
        let identityTag: String
        let gzip: [UInt8]?
        let gzipTag: String?
        let link: String?
        let contentLocation: String?
        /// Every header of a 200 but the request id, for identity and for gzip; and of its 304.
        let identityHeaders: EncodedHeaders
        let gzipHeaders: EncodedHeaders
        let identityNotModified: EncodedHeaders
        let gzipNotModified: EncodedHeaders
        let common: HTTPHeaders
        /// `common`'s `Last-Modified`, read once: the validator `If-Modified-Since` compares with.
        let lastModified: String?

        init(
            contentType: String, identity: [UInt8], identityTag: String, gzip: [UInt8]?, gzipTag: String?,
            link: String?, contentLocation: String?, common: HTTPHeaders
        ) {
            self.contentType = contentType
            isFHIR = contentType == FHIRView.contentType
            self.identity = identity
            self.identityTag = identityTag
            self.gzip = gzip
            self.gzipTag = gzipTag
            self.link = link
            self.contentLocation = contentLocation
            self.common = common
            lastModified = common["Last-Modified"]
            // A 304 says what its 200 would have said but for the fields that describe the body it lacks
            // (RFC 9110 §15.4.5): the same caching, Vary, CORS and version fields on both.
            func block(tag: String, gzip: Bool, body: Bool) -> EncodedHeaders {
                var headers = HTTPHeaders([("ETag", tag)])
                if body { headers.add("Content-Type", contentType) }
                if body, gzip { headers.add("Content-Encoding", "gzip") }
                if let link { headers.add("Link", link) }
                if let contentLocation { headers.add("Content-Location", contentLocation) }
                for field in common { headers.add(field.name, field.value) }
                return ResponseHead.encode(headers)
            }
            let zipped = gzipTag ?? identityTag
            identityHeaders = block(tag: identityTag, gzip: false, body: true)
            gzipHeaders = block(tag: zipped, gzip: gzipTag != nil, body: true)
            identityNotModified = block(tag: identityTag, gzip: false, body: false)
            gzipNotModified = block(tag: zipped, gzip: gzipTag != nil, body: false)
        }
    }

    /// gzip is kept only when it saves at least 10 % and 128 bytes.
    /// `common` holds the headers every content response carries (caching, version, CORS). `tag`, when
    /// given, is the ETag of every encoding (a weak one, such as a FHIR resource's version); else each
    /// encoding's own strong tag is its bytes' hash. `precompressed`, when given, is the gzip encoding of
    /// `bytes` already made (the caller has checked it decodes to them), used instead of compressing.
    public init(
        contentType: String, bytes: [UInt8], link: String? = nil, contentLocation: String? = nil,
        common: HTTPHeaders = HTTPHeaders(), tag: String? = nil, precompressed: [UInt8]? = nil
    ) {
        let hash = FNV1a.hex(bytes)
        var gzip: [UInt8]?
        if bytes.count >= 256, let compressed = precompressed ?? (try? Gzip.compress(bytes)),
            compressed.count + 128 <= bytes.count, compressed.count * 10 <= bytes.count * 9
        {
            gzip = compressed
        }
        storage = Storage(
            contentType: contentType, identity: bytes, identityTag: tag ?? "\"\(hash)\"", gzip: gzip,
            gzipTag: gzip == nil ? nil : tag ?? "\"\(hash).gz\"", link: link, contentLocation: contentLocation,
            common: common)
    }

    func withContentLocation(_ location: String) -> Representation {
        Representation(
            storage: Storage(
                contentType: contentType, identity: identity, identityTag: identityTag, gzip: gzip, gzipTag: gzipTag,
                link: link, contentLocation: location, common: storage.common))
    }

    private init(storage: Storage) {
        self.storage = storage
    }

    /// The response to a GET or HEAD of this representation, every header but the request id encoded at
    /// load: the encoding the client takes (gzip when offered and worth it), as a 200, or a 304 when the
    /// request's validators match. If-None-Match decides when present; otherwise If-Modified-Since, where
    /// the representation has a `Last-Modified` (RFC 9110 §13.2.2). `route` and `requestID` are the
    /// response's (made whole here: a response changed after it is made is copied once more).
    func response(to request: HTTPHeaders, route: String, requestID: String) -> HTTPResponse {
        let gzip = self.gzip != nil && Negotiation.acceptsGzip(request)
        let tag = gzip ? (gzipTag ?? identityTag) : identityTag
        let matched: Bool
        if let decided = Negotiation.ifNoneMatch(request, matches: tag) {
            matched = decided
        } else if let since = request[.ifModifiedSince].flatMap(HTTPDate.parse),
            let modified = lastModified.flatMap(HTTPDate.parse)
        {
            matched = modified <= since
        } else {
            matched = false
        }
        let headers =
            matched
            ? (gzip ? storage.gzipNotModified : storage.identityNotModified)
            : (gzip ? storage.gzipHeaders : storage.identityHeaders)
        return HTTPResponse(
            status: matched ? .notModified : .ok, body: matched ? [] : gzip ? (self.gzip ?? identity) : identity,
            encodedHeaders: headers, requestID: requestID, route: route)
    }
}
