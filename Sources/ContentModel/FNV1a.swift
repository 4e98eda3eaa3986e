/// FNV-1a, 64 bits: the content version and the ETags. Not for security: for telling versions apart.
/// Inlinable, so the byte loop is specialised where it is used (a generic loop across the module
/// boundary iterated several times slower over every representation at start-up).
public struct FNV1a {
    @usableFromInline var hash: UInt64 = 0xcbf2_9ce4_8422_2325

    public init() {}

    @inlinable
    public mutating func mix(_ bytes: some Sequence<UInt8>) {
        for byte in bytes {
            hash ^= UInt64(byte)
            hash = hash &* 0x0000_0100_0000_01B3
        }
    }

    /// The hash as 16 lower-case hex digits.
    public var hex: String {
        let text = String(hash, radix: 16)
        return String(repeating: "0", count: 16 - text.count) + text
    }

    /// The hash of `bytes` as 16 hex digits.
    @inlinable
    public static func hex(_ bytes: some Sequence<UInt8>) -> String {
        var hash = FNV1a()
        hash.mix(bytes)
        return hash.hex
    }
}
