// Compiled together with Sources/HTTP1 as one module by scripts/fuzz; no import needed.

/// libFuzzer entry point: parses the input whole, byte by byte, and split in two, and traps if the three
/// disagree. A crash, a trap or a hang here is a bug in the parser.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzParser(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: min(size, 1 << 16)))
    var limits = HTTPLimits()
    limits.maxRequestLineBytes = 256
    limits.maxFieldLineBytes = 128
    limits.maxHeaderSectionBytes = 1024
    limits.maxFieldCount = 16
    limits.maxBodyBytes = 512
    let whole = outcomes([bytes[...]], limits: limits)
    let byteByByte = outcomes(bytes.indices.map { bytes[$0...$0] }, limits: limits)
    let middle = bytes.count / 2
    let halves = outcomes([bytes[..<middle], bytes[middle...]], limits: limits)
    precondition(whole == byteByByte && whole == halves, "split-dependent parse: \(whole) vs \(byteByByte)")
    return 0
}

private enum Outcome: Equatable {
    case request(HTTPRequest)
    case error(HTTPParseError)
}

private func outcomes(_ chunks: [ArraySlice<UInt8>], limits: HTTPLimits) -> [Outcome] {
    var parser = RequestParser(limits: limits)
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
