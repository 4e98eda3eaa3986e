import CEpoll
import Glibc

/// A failed socket call, with the call's name and errno (or, for a name lookup, the resolver's reason).
public struct SocketError: Error, CustomStringConvertible, Sendable {
    public let operation: String
    public let errorNumber: Int32
    /// The resolver's own reason (getaddrinfo's codes are not errno values); nil for the others.
    public let reason: String?

    init(operation: String, errorNumber: Int32, reason: String? = nil) {
        self.operation = operation
        self.errorNumber = errorNumber
        self.reason = reason
    }

    public var description: String {
        if let reason { return "\(operation) failed: \(reason)" }
        let message = strerror(errorNumber).map { String(validatingCString: $0) ?? "" } ?? ""
        return "\(operation) failed: \(message) (errno \(errorNumber))"
    }
}

/// Thin wrappers over the socket calls; the only file that names them.
enum Socket {
    /// A non-blocking listening socket bound to `host:port`. Returns the descriptor and the bound port.
    static func listen(host: String, port: Int, backlog: Int32) throws(SocketError) -> (Int32, Int) {
        var hints = addrinfo()
        hints.ai_family = AF_UNSPEC
        hints.ai_flags = AI_PASSIVE
        hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
        var result: UnsafeMutablePointer<addrinfo>?
        let status = getaddrinfo(host, String(port), &hints, &result)
        guard status == 0, let info = result else {
            if status == EAI_SYSTEM { throw SocketError(operation: "getaddrinfo(\(host))", errorNumber: errno) }
            let reason = gai_strerror(status).map { String(cString: $0) } ?? "resolver error \(status)"
            throw SocketError(operation: "getaddrinfo(\(host))", errorNumber: EINVAL, reason: reason)
        }
        defer { freeaddrinfo(result) }

        let fd = socket(info.pointee.ai_family, info.pointee.ai_socktype, info.pointee.ai_protocol)
        guard fd >= 0 else { throw SocketError(operation: "socket", errorNumber: errno) }
        var yes: Int32 = 1
        setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &yes, socklen_t(MemoryLayout<Int32>.size))
        guard bind(fd, info.pointee.ai_addr, info.pointee.ai_addrlen) == 0 else {
            let error = errno
            close(fd)
            throw SocketError(operation: "bind(\(host):\(port))", errorNumber: error)
        }
        guard Glibc.listen(fd, backlog) == 0 else {
            let error = errno
            close(fd)
            throw SocketError(operation: "listen", errorNumber: error)
        }
        setNonBlocking(fd)
        return (fd, boundPort(fd))
    }

    static func setNonBlocking(_ fd: Int32) {
        let flags = fcntl(fd, F_GETFL)
        _ = fcntl(fd, F_SETFL, flags | O_NONBLOCK)
        _ = fcntl(fd, F_SETFD, FD_CLOEXEC)
    }

    static func boundPort(_ fd: Int32) -> Int {
        var storage = sockaddr_storage()
        var length = socklen_t(MemoryLayout<sockaddr_storage>.size)
        withUnsafeMutablePointer(to: &storage) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { _ = getsockname(fd, $0, &length) }
        }
        return port(of: storage)
    }

    enum AcceptResult {
        case accepted(Int32, String)
        case wouldBlock
        case retry
        /// Out of descriptors or memory: pause accepting for a while.
        case exhausted(Int32)
        case failed(Int32)
    }

    static func accept(_ listener: Int32) -> AcceptResult {
        var storage = sockaddr_storage()
        var length = socklen_t(MemoryLayout<sockaddr_storage>.size)
        let fd = withUnsafeMutablePointer(to: &storage) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                Glibc.accept(listener, $0, &length)
            }
        }
        guard fd >= 0 else {
            switch errno {
            case EAGAIN, EWOULDBLOCK: return .wouldBlock
            case EINTR, ECONNABORTED, EPROTO: return .retry
            case EMFILE, ENFILE, ENOBUFS, ENOMEM: return .exhausted(errno)
            default: return .failed(errno)
            }
        }
        setNonBlocking(fd)
        var yes: Int32 = 1
        setsockopt(fd, Int32(IPPROTO_TCP), TCP_NODELAY, &yes, socklen_t(MemoryLayout<Int32>.size))
        return .accepted(fd, address(of: storage))
    }

    static func address(of storage: sockaddr_storage) -> String {
        var storage = storage
        var text = [CChar](repeating: 0, count: Int(INET6_ADDRSTRLEN))
        let family = Int32(storage.ss_family)
        return withUnsafePointer(to: &storage) { pointer -> String in
            switch family {
            case AF_INET:
                return pointer.withMemoryRebound(to: sockaddr_in.self, capacity: 1) {
                    var address = $0.pointee.sin_addr
                    inet_ntop(AF_INET, &address, &text, socklen_t(text.count))
                    return cText(text)
                }
            case AF_INET6:
                return pointer.withMemoryRebound(to: sockaddr_in6.self, capacity: 1) {
                    var address = $0.pointee.sin6_addr
                    inet_ntop(AF_INET6, &address, &text, socklen_t(text.count))
                    return cText(text)
                }
            default:
                return "unknown"
            }
        }
    }

    private static func cText(_ text: [CChar]) -> String {
        String(decoding: text.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    static func port(of storage: sockaddr_storage) -> Int {
        var storage = storage
        let family = Int32(storage.ss_family)
        return withUnsafePointer(to: &storage) { pointer -> Int in
            switch family {
            case AF_INET:
                return pointer.withMemoryRebound(to: sockaddr_in.self, capacity: 1) {
                    Int(UInt16(bigEndian: $0.pointee.sin_port))
                }
            case AF_INET6:
                return pointer.withMemoryRebound(to: sockaddr_in6.self, capacity: 1) {
                    Int(UInt16(bigEndian: $0.pointee.sin6_port))
                }
            default:
                return 0
            }
        }
    }

    enum IOResult {
        case bytes(Int)
        case wouldBlock
        case endOfFile
        case failed(Int32)
    }

    static func read(_ fd: Int32, into buffer: UnsafeMutableRawBufferPointer) -> IOResult {
        while true {
            let count = hta_read(fd, buffer.baseAddress, buffer.count)
            if count > 0 { return .bytes(count) }
            if count == 0 { return .endOfFile }
            switch errno {
            case EINTR: continue
            case EAGAIN, EWOULDBLOCK: return .wouldBlock
            default: return .failed(errno)
            }
        }
    }

    /// Sends the chunks with one `sendmsg` (gathered, MSG_NOSIGNAL so a reset peer is an error, not a
    /// signal). At most `maxChunks` chunks go per call.
    static let maxChunks = 16

    static func send(_ fd: Int32, chunks: UnsafeBufferPointer<[UInt8]>, firstOffset: Int) -> IOResult {
        withUnsafeTemporaryAllocation(of: iovec.self, capacity: maxChunks) { vectors in
            // The usual response, a head and a body, without the general path's recursion.
            if chunks.count == 2 {
                return chunks[0].withUnsafeBytes { head in
                    chunks[1].withUnsafeBytes { body in
                        vectors[0] = vector(head, from: firstOffset)
                        vectors[1] = vector(body, from: 0)
                        return sendmsg(fd, vectors, count: 2)
                    }
                }
            }
            return withVectors(
                UnsafeBufferPointer(rebasing: chunks.prefix(maxChunks)), firstOffset: firstOffset, into: vectors,
                count: 0
            ) { count in
                sendmsg(fd, vectors, count: count)
            }
        }
    }

    private static func vector(_ bytes: UnsafeRawBufferPointer, from offset: Int) -> iovec {
        iovec(
            iov_base: UnsafeMutableRawPointer(mutating: bytes.baseAddress?.advanced(by: offset)),
            iov_len: bytes.count - offset)
    }

    /// One `sendmsg` of the first `count` vectors, retried when interrupted.
    private static func sendmsg(_ fd: Int32, _ vectors: UnsafeMutableBufferPointer<iovec>, count: Int) -> IOResult {
        while true {
            let sent = hta_sendmsg(fd, vectors.baseAddress, Int32(count))
            if sent >= 0 { return .bytes(sent) }
            switch errno {
            case EINTR: continue
            case EAGAIN, EWOULDBLOCK: return .wouldBlock
            default: return .failed(errno)
            }
        }
    }

    /// Fills `vectors` while every chunk's storage is pinned by a nested `withUnsafeBytes`, then calls
    /// `body` with the number of vectors filled.
    private static func withVectors(
        _ chunks: UnsafeBufferPointer<[UInt8]>, firstOffset: Int, into vectors: UnsafeMutableBufferPointer<iovec>,
        count: Int, _ body: (Int) -> IOResult
    ) -> IOResult {
        guard count < chunks.count else { return body(count) }
        return chunks[count].withUnsafeBytes { raw in
            vectors[count] = vector(raw, from: count == 0 ? firstOffset : 0)
            return withVectors(chunks, firstOffset: firstOffset, into: vectors, count: count + 1, body)
        }
    }

    static func shutdownWrite(_ fd: Int32) { _ = shutdown(fd, Int32(SHUT_WR)) }

    static func close(_ fd: Int32) { _ = Glibc.close(fd) }

    static func ignoreSIGPIPE() { _ = signal(SIGPIPE, SIG_IGN) }

    /// Whole seconds since 1970, for the Date header.
    static func wallClockSeconds() -> Int { Int(time(nil)) }

    /// Nanoseconds since 1970.
    static func wallClockNanoseconds() -> Int64 {
        var now = timespec()
        clock_gettime(CLOCK_REALTIME, &now)
        return Int64(now.tv_sec) &* 1_000_000_000 &+ Int64(now.tv_nsec)
    }

    /// Nanoseconds of `CLOCK_MONOTONIC`: every deadline and duration of the server. Read directly, as
    /// `DispatchTime.now()` reads it with ~270 instructions of conversion around the call.
    static func monotonicNanoseconds() -> UInt64 {
        var now = timespec()
        clock_gettime(CLOCK_MONOTONIC, &now)
        return UInt64(now.tv_sec) &* 1_000_000_000 &+ UInt64(now.tv_nsec)
    }
}
