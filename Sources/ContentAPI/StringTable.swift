/// A map from strings to values for lookups made on every request among keys this server chose: a
/// snapshot's paths, the metrics' routes. A multiplicative hash over the key's UTF-8, a word at a time, and
/// linear probing in a table kept at most half full.
///
/// `Dictionary` hashes with SipHash-1-3 under a per-process seed, so that keys chosen by an attacker
/// cannot pile into one bucket; here every key is ours and a client only looks keys up, so no request can
/// make a probe sequence longer than the table's own, and a cheaper hash is safe. Looking up a path such as
/// `/v1/glossary` takes ~190 instructions here against 350–1,100 in `Dictionary` (as the seed falls).
struct StringTable<Value> {
    /// Parallel arrays, a power of two long and at least twice `count`: a probe reads hashes alone, and
    /// touches a key only when its hash matches. Hash 0 marks a free slot (a key hashing to 0 is stored
    /// as 1).
    private var hashes: [UInt64]
    private var keys: [String]
    private var values: [Value?]
    private(set) var count = 0
    /// The slot `update` changed last. The metrics update the same route request after request, and a
    /// key that is the same string (one storage, as a route from the route table is) compares equal at
    /// once: found without hashing. -1: none.
    private var recent = -1

    init() {
        (hashes, keys, values) = (
            [UInt64](repeating: 0, count: 8), [String](repeating: "", count: 8), [Value?](repeating: nil, count: 8)
        )
    }

    init(_ entries: some Sequence<(String, Value)>) {
        self.init()
        for (key, value) in entries { update(key, default: value) { $0 = value } }
    }

    /// The value for `key`, if any.
    subscript(key: String) -> Value? {
        let (index, found) = find(key, Self.hash(key))
        return found ? values[index] : nil
    }

    /// Changes the value for `key` in place, first adding `defaultValue` when the key is absent.
    mutating func update(_ key: String, default defaultValue: @autoclosure () -> Value, _ change: (inout Value) -> Void)
    {
        if recent >= 0, keys[recent] == key, var value = values[recent].take() {
            change(&value)
            values[recent] = value
            return
        }
        let hash = Self.hash(key)
        var (index, found) = find(key, hash)
        defer { recent = index }
        // Moved out and back, so that a value holding arrays is changed without a copy of them.
        if found, var value = values[index].take() {
            change(&value)
            values[index] = value
            return
        }
        if (count + 1) * 2 > hashes.count {
            grow()
            index = find(key, hash).index
        }
        var value = defaultValue()
        change(&value)
        (hashes[index], keys[index], values[index]) = (hash, key, value)
        count += 1
    }

    /// Every key with its value, in no particular order.
    var entries: [(key: String, value: Value)] {
        hashes.indices.compactMap { index in values[index].map { (keys[index], $0) } }
    }

    /// The slot holding `key`, or the free slot where it would go.
    private func find(_ key: String, _ hash: UInt64) -> (index: Int, found: Bool) {
        let mask = hashes.count - 1
        var index = Int(truncatingIfNeeded: hash) & mask
        while hashes[index] != 0 {
            if hashes[index] == hash && keys[index] == key { return (index, true) }
            index = (index + 1) & mask
        }
        return (index, false)
    }

    private mutating func grow() {
        let old = entries
        let size = hashes.count * 2
        recent = -1
        (hashes, keys, values) = (
            [UInt64](repeating: 0, count: size), [String](repeating: "", count: size),
            [Value?](repeating: nil, count: size)
        )
        count = 0
        for (key, value) in old { update(key, default: value) { _ in } }
    }

    /// A multiplicative hash of the key's UTF-8 eight bytes at a time (the length mixed in first, a
    /// partial last word read as the key's last eight bytes), finished so that the low bits the index takes depend on every byte;
    /// never 0. FNV-1a, a multiply per byte, took ~140 instructions for `/v1/glossary`, and two keys are
    /// hashed per request (the path, the metrics' route). (Over `withUTF8`: iterating `utf8` is slower.)
    static func hash(_ key: String) -> UInt64 {
        var key = key
        return key.withUTF8 { bytes in
            let raw = UnsafeRawBufferPointer(bytes)
            var hash = UInt64(bytes.count) &* 0x9E37_79B9_7F4A_7C15
            var index = 0
            while index + 8 <= raw.count {
                hash = (hash ^ raw.loadUnaligned(fromByteOffset: index, as: UInt64.self)) &* 0xBF58_476D_1CE4_E5B9
                hash ^= hash >> 29
                index += 8
            }
            if index < raw.count {
                // The last eight bytes, overlapping the word before; a key shorter than a word byte by byte.
                var last: UInt64 = 0
                if raw.count >= 8 {
                    last = raw.loadUnaligned(fromByteOffset: raw.count - 8, as: UInt64.self)
                } else {
                    for offset in 0..<raw.count { last |= UInt64(raw[offset]) &<< (8 &* offset) }
                }
                hash = (hash ^ last) &* 0xBF58_476D_1CE4_E5B9
                hash ^= hash >> 29
            }
            hash = hash &* 0x94D0_49BB_1331_11EB
            hash ^= hash >> 32
            return hash == 0 ? 1 : hash
        }
    }
}

extension StringTable: Sendable where Value: Sendable {}
