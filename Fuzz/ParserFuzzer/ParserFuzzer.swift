// Compiled together with Sources/HTTP1 as one module by scripts/fuzz; no import needed.

/// libFuzzer entry point: parses the input whole, byte by byte, split in two, and split near line ends
/// where the input's own bytes say (so that a head can be read across the buffer's compaction and its
/// emptying), and traps if any of them disagrees with a parser that keeps no line for later heads, fed
/// the input whole. A crash, a trap or a hang here is a bug in the parser.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzParser(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: min(size, 1 << 16)))
    var limits = HTTPLimits()
    limits.maxRequestLineBytes = 256
    limits.maxFieldLineBytes = 128
    limits.maxHeaderSectionBytes = 1024
    limits.maxFieldCount = 16
    limits.maxBodyBytes = 8192  // a body over 4 KiB moves what follows it to the buffer's front
    let plain = outcomes([bytes[...]], limits: limits, keepsLines: false)
    let whole = outcomes([bytes[...]], limits: limits)
    let byteByByte = outcomes(bytes.indices.map { bytes[$0...$0] }, limits: limits)
    let middle = bytes.count / 2
    let halves = outcomes([bytes[..<middle], bytes[middle...]], limits: limits)
    let pieces = outcomes(splitAtLineEnds(bytes), limits: limits)
    for (name, other) in [("whole", whole), ("byte by byte", byteByByte), ("halves", halves), ("pieces", pieces)] {
        precondition(other == plain, "\(name) reads otherwise than a parser keeping nothing: \(other) vs \(plain)")
    }
    return 0
}

/// The input cut near LFs, where the input says, by the byte after the LF: right after it (that byte
/// 2 mod 3), two bytes later, inside the next line (0 mod 3), or not at all (1 mod 3, as CR is: an empty
/// line stays with the line before it). A piece that ends at a line's end empties the parser's buffer;
/// one that ends inside a line leaves bytes that the next append may move to the front.
private func splitAtLineEnds(_ bytes: [UInt8]) -> [ArraySlice<UInt8>] {
    var pieces: [ArraySlice<UInt8>] = []
    var start = 0
    for index in bytes.indices where bytes[index] == 0x0A && index + 1 < bytes.count {
        let next = bytes[index + 1] % 3
        guard next != 1 else { continue }
        let end = next == 2 ? index + 1 : index + 3
        guard end > start, end < bytes.count else { continue }
        pieces.append(bytes[start..<end])
        start = end
    }
    pieces.append(bytes[start...])
    return pieces
}

private enum Outcome: Equatable {
    case request(HTTPRequest)
    case error(HTTPParseError)
}

private func outcomes(_ chunks: [ArraySlice<UInt8>], limits: HTTPLimits, keepsLines: Bool = true) -> [Outcome] {
    var parser = RequestParser(limits: limits, keepsLines: keepsLines)
    var result: [Outcome] = []
    for chunk in chunks {
        parser.append(chunk)
        while true {
            do {
                guard let request = try parser.nextRequest() else { break }
                result.append(.request(request))
            } catch {
                result.append(.error(error))
                return result
            }
        }
    }
    return result
}
