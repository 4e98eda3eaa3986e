/// An incremental HTTP/1.1 request parser (RFC 9112). It never sees a socket: feed it bytes with
/// `append(_:)`, then call `nextRequest()` until it returns nil. Pipelined requests come out one by one,
/// in order; a request split across any number of appends parses exactly as if it came whole.
///
/// Once `nextRequest()` has thrown, the parser stays failed: the connection must answer that error and
/// close, serving nothing that followed it.
public struct RequestParser: Sendable {
    public let limits: HTTPLimits

    var buffer: [UInt8] = []
    /// Start of the bytes not yet consumed by a complete request or line.
    var readIndex = 0
    /// Where the search for the next LF resumes, so no byte is scanned twice.
    var scanIndex = 0
    var state: State = .head
    /// The head being read while the state is `.head`. Kept out of the state so that each line updates it
    /// in place (an enum's payload would be copied out and back in for every line).
    var head = PartialHead()
    /// The field lines of the last head kept (see `keepFields`) and the fields they made. A client on a
    /// keep-alive connection sends the same field lines request after request: when the next head's are
    /// the same bytes, its fields are these, shared, and its lines are neither parsed nor made into
    /// strings again.
    var repeated: RepeatedFields?
    /// Where the current head's field lines start in `buffer`, while every one of them is still there.
    var fieldsStart: Int?
    /// When the kept field lines are replaced by a head's that differ (see `ReplaceBackoff`).
    var keepBackoff = ReplaceBackoff()
    /// The request line of a recent head (see `keepRequestLine`) and the request it made, fields not yet
    /// added. A keep-alive client often asks for the same target again (polling, a health check, a
    /// client fetching the same record): when a request line is the same bytes, its request starts as
    /// that one, sharing its strings, and the line is neither parsed nor made into strings again. The
    /// same bytes pass the same checks (the request line's are on its bytes alone).
    var repeatedLine: RepeatedBytes?
    /// A recent whole head (see `keepHead`) that framed no body, and the request it made. A client that
    /// repeats a request exactly (polling, a health check, a service fetching the same record) sends
    /// the same bytes: the next head is then this request, shared, with nothing parsed, copied or
    /// allocated. The same bytes pass the same checks and frame the same (no) body.
    var repeatedHead: RepeatedBytes?
    /// When the kept head is replaced by one that differs.
    var headBackoff = ReplaceBackoff()
    /// Where the current head starts in `buffer`, while all of it is still there.
    var headStart: Int?
    /// When the kept request line is replaced by one that differs.
    var lineBackoff = ReplaceBackoff()

    /// How often something kept for the next head (its field lines, its request line) is replaced by a
    /// head's that differs: a miss replaces it, then the next `skip` misses do not, `skip` doubling each
    /// time up to 64. A client whose lines change on every request (a proxy adding a fresh id, a client
    /// walking through records) would otherwise have every head's lines copied for nothing. A hit starts
    /// it over.
    struct ReplaceBackoff: Sendable {
        private var skip = 0
        private var next = 1

        /// Whether this miss replaces what is kept; counts it either way.
        mutating func replaces() -> Bool {
            guard skip == 0 else {
                skip -= 1
                return false
            }
            (skip, next) = (next, min(next * 2, 64))
            return true
        }

        mutating func hit() { (skip, next) = (0, 1) }
    }

    /// Bytes of a request line, or of a whole head, and the request they made.
    struct RepeatedBytes: Sendable {
        let bytes: [UInt8]
        let request: HTTPRequest
    }

    /// Longer request lines are not kept: a kept line lives as long as an idle connection.
    static let maxRepeatedLineBytes = 512
    /// Nor longer heads: a request line and field lines as long as the others kept.
    static let maxRepeatedHeadBytes = 1536

    struct RepeatedFields: Sendable {
        let bytes: [UInt8]
        let headers: HTTPHeaders
        /// The fields hold a Host. Only a head that passed every check is kept, and with a Host among
        /// its fields, the Host check's verdict depends on those fields alone.
        let hasHost: Bool
    }

    /// Field lines longer than this are not kept for the next head: a kept block lives as long as an idle
    /// connection, and the usual client's (curl's, a service's) is under 200 bytes.
    static let maxRepeatedBytes = 1024

    enum State: Sendable {
        case head
        case body(HTTPRequest, BodyFraming)
        /// After a request whose body was left unread: nothing more can be framed on this connection.
        case finished
        case failed(HTTPParseError)
    }

    /// Whether recent lines and heads are kept for later heads to take (always, but in the fuzzer, which
    /// compares this parser with one that keeps nothing: every head must read the same either way).
    let keepsLines: Bool

    public init(limits: HTTPLimits = HTTPLimits()) {
        self.init(limits: limits, keepsLines: true)
    }

    init(limits: HTTPLimits, keepsLines: Bool) {
        self.limits = limits
        self.keepsLines = keepsLines
    }

    public mutating func append(_ bytes: some Sequence<UInt8>) {
        dropConsumed()
        buffer.append(contentsOf: bytes)
    }

    /// The same for bytes straight from a socket read: concrete, so the copy is a plain memcpy even
    /// when called from another module (the generic one is not specialised there).
    public mutating func append(_ bytes: UnsafeRawBufferPointer) {
        dropConsumed()
        buffer.append(contentsOf: bytes)
    }

    private mutating func dropConsumed() {
        if readIndex == buffer.count {
            buffer.removeAll(keepingCapacity: true)
            // Kept only if none of its lines was consumed (compared with where reading stood, before it
            // moves back to 0): a consumed line's bytes are gone with the rest.
            fieldsStart = fieldsStart == readIndex ? 0 : nil
            headStart = headStart == readIndex ? 0 : nil
            readIndex = 0
            scanIndex = 0
        } else if readIndex > 4096 && readIndex > buffer.count / 2 {
            buffer.removeFirst(readIndex)
            scanIndex -= readIndex
            fieldsStart = fieldsStart == readIndex ? 0 : nil
            headStart = headStart == readIndex ? 0 : nil
            readIndex = 0
        }
    }

    /// Bytes received and not yet part of a request returned by `nextRequest()`.
    public var bufferedByteCount: Int { buffer.count - readIndex }

    /// Where the parser stands, for the connection's deadlines.
    public var phase: Phase {
        switch state {
        case .head: head.isEmpty && bufferedByteCount == 0 ? .idle : .head
        case .body: .body
        case .finished: .finished
        case .failed: .failed
        }
    }

    public enum Phase: Sendable, Equatable { case idle, head, body, finished, failed }

    /// Returns the next complete request, or nil while only part of one is buffered. Throws once the
    /// buffered bytes can never become a valid request (RFC 9112 §2.2, §3, §5, §6).
    public mutating func nextRequest() throws(HTTPParseError) -> HTTPRequest? {
        do {
            return try parseNext()
        } catch {
            state = .failed(error)
            throw error
        }
    }

    private mutating func parseNext() throws(HTTPParseError) -> HTTPRequest? {
        while true {
            switch state {
            case .failed(let error):
                throw error
            case .finished:
                return nil
            case .head:
                if head.isEmpty {
                    if let repeatedHead, startsWith(repeatedHead.bytes) {
                        readIndex += repeatedHead.bytes.count
                        scanIndex = readIndex
                        headBackoff.hit()
                        return repeatedHead.request
                    }
                    headStart = readIndex
                }
                if head.awaitsFirstField, let repeated, startsWith(repeated.bytes) {
                    head.takeFields(repeated.headers, lineBytes: repeated.bytes.count, hostChecked: repeated.hasHost)
                    readIndex += repeated.bytes.count
                    scanIndex = readIndex
                    fieldsStart = nil  // the same block: nothing to keep
                    keepBackoff.hit()
                }
                guard let line = try nextLine(limit: head.lineLimit(limits), tooLong: head.lineTooLongError)
                else { return nil }
                let limits = limits
                let hadRequestLine = head.hasRequestLine
                if !hadRequestLine, let repeatedLine, matches(line, repeatedLine.bytes) {
                    head.takeRequestLine(repeatedLine.request)
                    fieldsStart = readIndex
                    lineBackoff.hit()
                    continue
                }
                guard
                    let (request, framing) = try buffer.withUnsafeBufferPointer({ bytes throws(HTTPParseError) in
                        try head.consume(line: bytes[line], limits: limits)
                    })
                else {
                    if !hadRequestLine, head.hasRequestLine {
                        fieldsStart = readIndex
                        keepRequestLine(line)
                    }
                    continue
                }
                keepFields(of: request, linesEnd: line.lowerBound)
                head = PartialHead()
                if request.unreadBody {
                    state = .finished
                    return request
                }
                if case .length(remaining: 0) = framing.kind {  // no body: the usual case
                    keepHead(request)
                    return request
                }
                state = .body(request, framing)
            case .body(var request, var framing):
                let done = try consumeBody(into: &request, framing: &framing)
                if done {
                    state = .head
                    return request
                }
                state = .body(request, framing)
                return nil
            }
        }
    }

    /// Whether the unconsumed bytes start with `bytes`.
    private func startsWith(_ bytes: [UInt8]) -> Bool {
        let readIndex = readIndex
        guard buffer.count - readIndex >= bytes.count else { return false }
        return buffer.withUnsafeBufferPointer { buffer in
            bytes.withUnsafeBufferPointer { bytes in
                ByteClass.equal(UnsafeBufferPointer(rebasing: buffer[readIndex..<(readIndex + bytes.count)]), bytes)
            }
        }
    }

    /// Whether the bytes of `line` (a range of `buffer`) are `bytes`.
    private func matches(_ line: Range<Int>, _ bytes: [UInt8]) -> Bool {
        guard line.count == bytes.count else { return false }
        return buffer.withUnsafeBufferPointer { buffer in
            bytes.withUnsafeBufferPointer { ByteClass.equal(UnsafeBufferPointer(rebasing: buffer[line]), $0) }
        }
    }

    /// Keeps the request line just parsed and the request it made, for a later head to take whole; unless
    /// it is long, or the back-off holds (a kept line is replaced only as `lineBackoff` allows).
    private mutating func keepRequestLine(_ line: Range<Int>) {
        guard keepsLines, line.count <= Self.maxRepeatedLineBytes, let request = head.request,
            repeatedLine == nil || lineBackoff.replaces()
        else { return }
        repeatedLine = RepeatedBytes(bytes: Array(buffer[line]), request: request)
    }

    /// Keeps the head just parsed, which ends where the unconsumed bytes start, and the request it made
    /// (it frames no body), for a later head of the same bytes to take whole; unless its bytes are no
    /// longer all in the buffer, or too many, or the back-off holds.
    private mutating func keepHead(_ request: HTTPRequest) {
        defer { headStart = nil }
        guard keepsLines, let start = headStart, readIndex - start <= Self.maxRepeatedHeadBytes,
            repeatedHead == nil || headBackoff.replaces()
        else { return }
        repeatedHead = RepeatedBytes(bytes: Array(buffer[start..<readIndex]), request: request)
    }

    /// Keeps the field lines of the head just parsed (they end where its empty line starts), and its
    /// fields, for the next head to reuse; unless the head took the kept ones, or its lines are no longer
    /// all in the buffer, or there are none, or too many bytes of them, or `keepBackoff` holds.
    private mutating func keepFields(of request: HTTPRequest, linesEnd: Int) {
        defer { fieldsStart = nil }
        // Kept lines this head did not take are replaced only as the back-off allows.
        guard keepsLines, let start = fieldsStart, start < linesEnd, linesEnd - start <= Self.maxRepeatedBytes,
            repeated == nil || keepBackoff.replaces()
        else { return }
        let headers = request.headers
        repeated = RepeatedFields(
            bytes: Array(buffer[start..<linesEnd]), headers: headers, hasHost: headers.contains(.host))
    }

    /// The next CRLF-terminated line (CRLF excluded) as a range of `buffer`, consumed; nil while the line
    /// is incomplete. A bare LF or a bare CR is an error; so is a line over `limit` bytes, complete or not.
    ///
    /// One pass for the first CR or LF: a CR followed by LF ends the line; any other first break is an
    /// error as soon as the byte after it has arrived. Each verdict depends only on the bytes up to that
    /// point, so a line is judged the same however its bytes were split. Between calls, the bytes from
    /// `readIndex` to `scanIndex` hold neither CR nor LF.
    mutating func nextLine(limit: Int, tooLong: HTTPParseError) throws(HTTPParseError) -> Range<Int>? {
        let (scanIndex, readIndex, count) = (scanIndex, readIndex, buffer.count)
        let found = buffer.withUnsafeBufferPointer { bytes in
            ByteClass.firstLineBreak(in: bytes, from: scanIndex).map {
                ($0, bytes[$0], $0 + 1 < count ? bytes[$0 + 1] : nil)
            }
        }
        guard let (index, byte, next) = found, byte == ByteClass.lf || next != nil else {
            // Incomplete, perhaps up to a CR that is the line's terminator: allow one byte for it.
            self.scanIndex = found?.0 ?? count
            if count - readIndex > limit + 1 { throw tooLong }
            return nil
        }
        if byte == ByteClass.lf {
            guard index - readIndex <= limit + 1 else { throw tooLong }
            throw .bareLineFeed
        }
        guard index - readIndex <= limit else { throw tooLong }
        guard next == ByteClass.lf else { throw .bareCarriageReturn }
        self.readIndex = index + 2
        self.scanIndex = index + 2
        return readIndex..<index
    }
}
