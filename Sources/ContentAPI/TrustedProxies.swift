/// Which peers may tell us, in `X-Forwarded-For`, whom they forward for. A peer not listed is the client
/// itself and its forwarding headers are ignored.
public struct TrustedProxies: Sendable, Equatable {
    struct Network: Sendable, Equatable {
        let address: [UInt8]
        let prefixLength: Int
    }

    let networks: [Network]

    public static let none = TrustedProxies(networks: [])

    init(networks: [Network]) { self.networks = networks }

    /// From a comma-separated list of addresses and CIDR networks (`10.0.0.0/8, ::1, 127.0.0.1`).
    /// Throws the first entry that is neither.
    public init(parsing list: String) throws(InvalidEntry) {
        var networks: [Network] = []
        for entry in list.split(separator: ",").map({ String($0.trimmingOWS()) }) where !entry.isEmpty {
            let parts = entry.split(separator: "/", maxSplits: 1)
            guard let address = IPAddress.parse(String(parts[0])) else { throw InvalidEntry(entry: entry) }
            let bits = address.count * 8
            let prefix = parts.count == 2 ? Int(parts[1]) : bits
            guard let prefix, (0...bits).contains(prefix) else { throw InvalidEntry(entry: entry) }
            networks.append(Network(address: address, prefixLength: prefix))
        }
        self.networks = networks
    }

    public struct InvalidEntry: Error, Equatable, CustomStringConvertible {
        public let entry: String
        public var description: String { "'\(entry)' is not an IP address or CIDR network" }
    }

    func trusts(_ address: String) -> Bool {
        guard !networks.isEmpty, let bytes = IPAddress.parse(address) else { return false }
        return networks.contains { network in
            guard network.address.count == bytes.count else { return false }
            var remaining = network.prefixLength
            for (a, b) in zip(network.address, bytes) where remaining > 0 {
                let mask: UInt8 = remaining >= 8 ? 0xFF : ~(0xFF >> UInt8(remaining))
                if a & mask != b & mask { return false }
                remaining -= 8
            }
            return true
        }
    }

    /// The client address: walking `X-Forwarded-For` from the right, the first address not trusted;
    /// the peer itself when it is not a trusted proxy (its header is then ignored).
    public func client(peer: String, forwardedFor: [String]) -> String {
        guard trusts(peer) else { return peer }
        let chain = forwardedFor.flatMap { $0.split(separator: ",") }.map { String($0.trimmingOWS()) }
        for hop in chain.reversed() {
            guard IPAddress.parse(hop) != nil else { return peer }
            if !trusts(hop) { return hop }
        }
        return chain.first.flatMap { IPAddress.parse($0) != nil ? $0 : nil } ?? peer
    }
}

/// IPv4 and IPv6 text forms to bytes, without Foundation.
enum IPAddress {
    static func parse(_ text: String) -> [UInt8]? {
        text.contains(":") ? parseV6(text) : parseV4(text)
    }

    static func parseV4(_ text: String) -> [UInt8]? {
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 4 else { return nil }
        var bytes: [UInt8] = []
        for part in parts {
            guard (1...3).contains(part.count), part.allSatisfy(\.isASCII), let value = UInt8(part) else { return nil }
            bytes.append(value)
        }
        return bytes
    }

    /// `text` split at each occurrence of `separator`.
    static func split(_ text: String, on separator: String) -> [String] {
        var parts: [String] = []
        var current = ""
        var index = text.startIndex
        while index < text.endIndex {
            if text[index...].hasPrefix(separator) {
                parts.append(current)
                current = ""
                index = text.index(index, offsetBy: separator.count)
            } else {
                current.append(text[index])
                index = text.index(after: index)
            }
        }
        parts.append(current)
        return parts
    }

    static func parseV6(_ text: String) -> [UInt8]? {
        let halves = Self.split(text, on: "::")
        guard halves.count <= 2 else { return nil }
        func groups(_ part: String) -> [UInt16]? {
            if part.isEmpty { return [] }
            var values: [UInt16] = []
            for group in part.split(separator: ":", omittingEmptySubsequences: false) {
                guard (1...4).contains(group.count), let value = UInt16(group, radix: 16) else { return nil }
                values.append(value)
            }
            return values
        }
        guard let head = groups(halves[0]) else { return nil }
        var all = head
        if halves.count == 2 {
            guard let tail = groups(halves[1]), head.count + tail.count < 8 else { return nil }
            all += [UInt16](repeating: 0, count: 8 - head.count - tail.count) + tail
        }
        guard all.count == 8 else { return nil }
        return all.flatMap { [UInt8($0 >> 8), UInt8($0 & 0xFF)] }
    }
}
