// Compiled together with Sources/ContentModel as one module by scripts/fuzz, linked with JSON.
import FoundationEssentials
import JSON

/// The bundled JSON Schemas, read once (scripts/fuzz runs from the repository root).
let schemas: JSONSchemaSet = {
    let folder = "Resources/schema"
    var documents: [String: JSONValue] = [:]
    for name in (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? [] {
        if let data = FileManager.default.contents(atPath: "\(folder)/\(name)"),
            let value = try? JSONValue.parse(Array(data))
        {
            documents[name] = value
        }
    }
    precondition(documents.count > 5, "run from the repository root: the schemas are read from \(folder)")
    return JSONSchemaSet(documents: documents)
}()

/// libFuzzer entry point for the content loader's stages: arbitrary bytes as a content file must give
/// content problems (or a value), never a crash or a hang. The input is read as each kind of file:
/// checked against each file's schema, worded as problems, and read into the model's types.
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
    for schema in [
        "library", "document", "agents", "classes", "tissues", "comparisons", "glossary", "references",
        "notes", "sources",
    ] {
        for failure in schemas.validate(value, against: "\(schema).schema.json") {
            precondition(failure.path.hasPrefix("$"), "a failure names its path")
            _ = ContentProblem(failure, file: "fuzz.json")
        }
    }
    _ = try? LenientDecoder.decode(Library.Metadata.self, from: value)
    _ = try? LenientDecoder.decode(Document.self, from: value)
    _ = try? LenientDecoder.decode([Agent].self, from: value["agents"] ?? .null)
    _ = try? LenientDecoder.decode([AgentClass].self, from: value["classes"] ?? .null)
    _ = try? LenientDecoder.decode([Tissue].self, from: value["tissues"] ?? .null)
    _ = try? LenientDecoder.decode([Comparison].self, from: value["comparisons"] ?? .null)
    _ = try? LenientDecoder.decode([GlossaryEntry].self, from: value["entries"] ?? .null)
    _ = try? LenientDecoder.decode([Reference].self, from: value["references"] ?? .null)
    _ = try? LenientDecoder.decode([EditorialNote].self, from: value["notes"] ?? .null)
    _ = try? LenientDecoder.decode([Source].self, from: value["sources"] ?? .null)
    return 0
}
