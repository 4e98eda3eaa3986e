import Glibc

/// A blocking TCP client on raw sockets, for bytes no real client would send.
final class RawClient {
    let fd: Int32
    private var received: [UInt8] = []

    struct ConnectError: Error { let errorNumber: Int32 }

    init(port: Int, receiveBuffer: Int32? = nil) throws {
        let socketFD = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        // Named as socket's own failure (EMFILE, say), not as the EBADF a connect on -1 would give.
        guard socketFD >= 0 else { throw ConnectError(errorNumber: errno) }
        fd = socketFD
        if var size = receiveBuffer {
            setsockopt(fd, SOL_SOCKET, SO_RCVBUF, &size, socklen_t(MemoryLayout<Int32>.size))
        }
        var yes: Int32 = 1
        setsockopt(fd, Int32(IPPROTO_TCP), TCP_NODELAY, &yes, socklen_t(MemoryLayout<Int32>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = UInt16(port).bigEndian
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let result = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        guard result == 0 else {
            let error = errno
            Glibc.close(fd)
            throw ConnectError(errorNumber: error)
        }
    }

    deinit { Glibc.close(fd) }

    /// Sends everything it can; a peer that has closed ends the send quietly.
    func send(_ bytes: [UInt8]) {
        var offset = 0
        while offset < bytes.count {
            let sent = bytes[offset...].withUnsafeBytes {
                Glibc.send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL))
            }
            guard sent > 0 else { return }
            offset += sent
        }
    }

    func send(_ text: String) { send(Array(text.utf8)) }

    func shutdownWrite() { shutdown(fd, Int32(SHUT_WR)) }

    /// Closes with SO_LINGER 0, so the peer sees a reset.
    func reset() {
        var linger = Glibc.linger(l_onoff: 1, l_linger: 0)
        setsockopt(fd, SOL_SOCKET, SO_LINGER, &linger, socklen_t(MemoryLayout<Glibc.linger>.size))
        shutdown(fd, Int32(SHUT_RDWR))
    }

    enum ReadResult: Equatable { case bytes(Int), endOfFile, timedOut, reset }

    /// One read into the internal buffer, waiting at most `timeoutMilliseconds`.
    func readOnce(timeoutMilliseconds: Int32) -> ReadResult {
        var poller = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
        guard poll(&poller, 1, timeoutMilliseconds) > 0 else { return .timedOut }
        var chunk = [UInt8](repeating: 0, count: 65_536)
        let count = chunk.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
        if count > 0 {
            received.append(contentsOf: chunk[..<count])
            return .bytes(count)
        }
        return count == 0 ? .endOfFile : .reset
    }

    struct Response {
        let status: Int
        let headers: [(String, String)]
        let body: [UInt8]

        func header(_ name: String) -> String? {
            headers.first { $0.0.lowercased() == name.lowercased() }?.1
        }
    }

    /// Reads until `count` complete responses have arrived (or `timeoutMilliseconds` passes between reads).
    func responses(_ count: Int, headResponses: Set<Int> = [], timeoutMilliseconds: Int32 = 3000) -> [Response] {
        var parsed: [Response] = []
        while parsed.count < count {
            if let response = takeResponse(bodiless: headResponses.contains(parsed.count)) {
                parsed.append(response)
                continue
            }
            guard case .bytes = readOnce(timeoutMilliseconds: timeoutMilliseconds) else { break }
        }
        return parsed
    }

    /// True when the server closes (EOF or reset) within the time, with no further bytes.
    func closes(withinMilliseconds timeout: Int32) -> Bool {
        let before = received.count
        while true {
            switch readOnce(timeoutMilliseconds: timeout) {
            case .bytes: continue
            case .endOfFile, .reset: return received.count == before
            case .timedOut: return false
            }
        }
    }

    var unreadByteCount: Int { received.count }

    private func takeResponse(bodiless: Bool) -> Response? {
        let separator: [UInt8] = [13, 10, 13, 10]
        guard let end = (0..<max(0, received.count - 3)).first(where: { Array(received[$0..<$0 + 4]) == separator })
        else { return nil }
        let head = String(decoding: received[..<end], as: UTF8.self).split(
            separator: "\r\n", omittingEmptySubsequences: false
        ).map(String.init)
        let statusParts = head[0].split(separator: " ")
        guard statusParts.count >= 2, let status = Int(statusParts[1]) else { return nil }
        let headers = head.dropFirst().map { line -> (String, String) in
            let colon = line.firstIndex(of: ":") ?? line.endIndex
            return (String(line[..<colon]), String(line[colon...].dropFirst()).trimmingCharacters(in: " "))
        }
        let length =
            bodiless || status == 304 || status == 204 || status < 200
            ? 0 : Int(headers.first { $0.0.lowercased() == "content-length" }?.1 ?? "0") ?? 0
        guard received.count >= end + 4 + length else { return nil }
        let body = Array(received[(end + 4)..<(end + 4 + length)])
        received.removeFirst(end + 4 + length)
        return Response(status: status, headers: headers, body: body)
    }
}

extension String {
    func trimmingCharacters(in set: String) -> String {
        var slice = Substring(self)
        while let first = slice.first, set.contains(first) { slice = slice.dropFirst() }
        while let last = slice.last, set.contains(last) { slice = slice.dropLast() }
        return String(slice)
    }
}
