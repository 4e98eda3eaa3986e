// Compiled together with Sources/ContentModel as one module by scripts/fuzz; no import needed.

/// libFuzzer entry point for the content loader's stages: arbitrary bytes as a content file must give
/// content problems (or a value), never a crash or a hang. The input is read as each kind of file.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzContent(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: min(size, 1 << 16)))
    let value: JSONValue
    do {
        value = try JSONValue.parse(bytes)
    } catch {
        precondition(error.line >= 1 && error.column >= 1, "syntax errors name a position")
        return 0
    }
    _ = TextRules.check(value, file: "fuzz.json")
    let decoder = ContentDecoder(file: "fuzz.json")
    _ = decoder.metadata(value)
    _ = decoder.document(value)
    _ = decoder.collection(value, key: "agents", decoder.agent)
    _ = decoder.collection(value, key: "classes", decoder.agentClass)
    _ = decoder.collection(value, key: "tissues", decoder.tissue)
    _ = decoder.collection(value, key: "comparisons", decoder.comparison)
    _ = decoder.collection(value, key: "entries", decoder.glossaryEntry)
    _ = decoder.collection(value, key: "references", decoder.reference)
    _ = decoder.collection(value, key: "notes", decoder.note)
    _ = decoder.collection(value, key: "sources", decoder.source)
    for problem in decoder.problems { precondition(!problem.path.isEmpty && problem.path.hasPrefix("$")) }
    return 0
}
