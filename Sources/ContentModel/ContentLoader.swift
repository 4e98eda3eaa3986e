import FoundationEssentials
import JSON

/// Loads the content directory into a validated `Library`, or throws every problem found.
///
/// Layout: `library.json` (metadata), `agents.json`, `classes.json`, `tissues.json`, `comparisons.json`,
/// `glossary.json`, `references.json`, `notes.json`, `sources.json`, one file per document under `documents/`,
/// and under `schema/` the JSON Schema of each (`agents.schema.json`, `document.schema.json`, …): every
/// file is checked against its schema, so the shape of a record is said once, there. A schema that declares
/// `x-record-kind` adds a kind of record, `<name>.json`, served with no code of its own (`RecordKind`).
public enum ContentLoader {
    public static func load(directory: String) throws(InvalidContent) -> Library {
        var problems: [ContentProblem] = []
        var files: [String: Data] = [:]
        var trees: [String: JSONValue] = [:]
        var newest = 0.0
        let root = URL(fileURLWithPath: directory, isDirectory: true)
        var isDirectory = false
        guard FileManager.default.fileExists(atPath: directory, isDirectory: &isDirectory), isDirectory else {
            throw InvalidContent(problems: [
                ContentProblem(file: directory, path: "$", message: "content directory not found")
            ])
        }
        let schemaDocuments = loadSchemas(root, files: &files, newest: &newest, problems: &problems)
        let schemas = schemaDocuments.isEmpty ? nil : JSONSchemaSet(documents: schemaDocuments)
        // The kinds with code of their own, then those the schemas declare (`x-record-kind`).
        var kinds = RecordKind.collections
        for (name, schema) in schemaDocuments.sorted(by: { $0.key < $1.key }) {
            switch RecordKind.declared(by: schema, file: name) {
            case .success(let kind)?:
                if let other = kinds.first(where: { $0.type == kind.type || $0.noun == kind.noun }) {
                    let (field, value) = other.type == kind.type ? ("type", kind.type) : ("noun", kind.noun)
                    problems.append(
                        ContentProblem(
                            file: "schema/\(name)", path: "$['x-record-kind'].\(field)",
                            message: "the \(field) '\(value)' is already taken (by \(other.file))"))
                } else {
                    kinds.append(kind)
                }
            case .failure(let problem)?: problems.append(problem)
            case nil: break
            }
        }

        /// The file's tree, once it parses; its text rules and its schema are checked on the way.
        func read(_ name: String, schema: String) -> JSONValue? {
            guard let data = FileManager.default.contents(atPath: root.appendingPathComponent(name).path) else {
                problems.append(ContentProblem(file: name, path: "$", message: "file is missing or unreadable"))
                return nil
            }
            files[name] = data
            newest = max(newest, modificationTime(root.appendingPathComponent(name)))
            do {
                let value = try JSONValue.parse(Array(data))
                problems += TextRules.check(value, file: name)
                if let schemas {
                    problems += schemas.validate(value, against: schema).compactMap { ContentProblem($0, file: name) }
                }
                trees[name] = value
                return value
            } catch {
                problems.append(ContentProblem(file: name, path: "$", message: error.description))
                return nil
            }
        }

        func decode<T: Decodable>(_ kind: RecordKind) -> [T] {
            guard let value = read(kind.file, schema: kind.schema) else { return [] }
            return (try? LenientDecoder.decode([T].self, from: value[kind.key] ?? .null)) ?? []
        }

        let metadata = read("library.json", schema: "library.schema.json").flatMap {
            try? LenientDecoder.decode(Library.Metadata.self, from: $0)
        }

        var documentNames: [String] = []
        switch documentFiles(in: root) {
        case .success(let names) where names.isEmpty:
            problems.append(ContentProblem(file: "documents/", path: "$", message: "no document files (*.json)"))
        case .success(let names): documentNames = names
        case .failure(let problem): problems.append(problem)
        }
        var documents: [Document] = []
        var documentFileByID: [String: String] = [:]
        for name in documentNames {
            guard let value = read(name, schema: "document.schema.json"),
                let document = try? LenientDecoder.decode(Document.self, from: value)
            else { continue }
            documents.append(document)
            documentFileByID[document.id] = name
        }

        // A declared kind is read, and checked against its schema, like any other: its records are served
        // from the tree.
        for kind in kinds where kind.isGeneric { _ = read(kind.file, schema: kind.schema) }

        let library = Library(
            metadata: metadata ?? Library.Metadata(title: "", language: "", lastReviewed: "", disclaimer: ""),
            documents: documents,
            agents: decode(.agent), classes: decode(.agentClass), tissues: decode(.tissue),
            comparisons: decode(.comparison), glossary: decode(.glossary), references: decode(.reference),
            notes: decode(.note), sources: decode(.source), newestFileTime: newest,
            version: contentVersion(files), trees: trees, kinds: kinds, keyOrder: Self.keyOrder(schemaDocuments))
        let unreadable = Set(problems.filter { $0.path == "$" && !$0.file.hasPrefix("schema/") }.map(\.file))
        problems += ContentValidator(library: library, documentFiles: documentFileByID, unreadable: unreadable)
            .problems()
        guard problems.isEmpty else {
            let named = Set(problems).map { problem in
                guard let tree = trees[problem.file] else { return problem }
                return ContentProblem(
                    file: problem.file, path: ProblemPath.named(problem.path, in: tree),
                    message: ProblemPath.namedCitations(in: problem.message, in: tree))
            }
            throw InvalidContent(problems: named)
        }
        return library
    }

    /// Every schema object's property order, for the API to write keys in (`KeyOrder`), `links` (the
    /// API's own) last; `$schema` is not served.
    static func keyOrder(_ schemas: [String: JSONValue]) -> KeyOrder {
        var sequences: [[String]] = []
        func walk(_ value: JSONValue) {
            switch value {
            case .object(let fields, let order):
                if case .object(_, let properties)? = fields["properties"] {
                    sequences.append(properties.filter { $0 != "$schema" })
                }
                for key in order { fields[key].map(walk) }
            case .array(let items): items.forEach(walk)
            default: break
            }
        }
        for name in schemas.keys.sorted() { schemas[name].map(walk) }
        return KeyOrder(sequences: sequences, last: ["links"])
    }

    /// The JSON Schemas under `schema/` by file name: the one description of every file's shape, which the
    /// loader checks and the API's contract is built from. Empty (and a problem) when they cannot be read.
    /// Their bytes go into `files` (as `schema/<name>`) and their dates into `newest`: a schema decides
    /// how records are checked and in what order their keys are served, so it is part of the content's
    /// version and of its `Last-Modified`.
    private static func loadSchemas(
        _ root: URL, files: inout [String: Data], newest: inout Double, problems: inout [ContentProblem]
    ) -> [String: JSONValue] {
        let folder = root.appendingPathComponent("schema")
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: folder.path) else {
            problems.append(
                ContentProblem(file: "schema/", path: "$", message: "the folder of JSON Schemas is missing"))
            return [:]
        }
        var documents: [String: JSONValue] = [:]
        for name in names.sorted() where name.hasSuffix(".schema.json") {
            guard let data = FileManager.default.contents(atPath: folder.appendingPathComponent(name).path) else {
                problems.append(ContentProblem(file: "schema/\(name)", path: "$", message: "file is unreadable"))
                continue
            }
            files["schema/\(name)"] = data
            newest = max(newest, modificationTime(folder.appendingPathComponent(name)))
            do {
                documents[name] = try JSONValue.parse(Array(data))
            } catch {
                problems.append(ContentProblem(file: "schema/\(name)", path: "$", message: error.description))
            }
        }
        return documents
    }

    /// A file's modification time, through symlinks: in a mounted ConfigMap every name is one, dated when
    /// the volume was made. 0 when it cannot be read.
    private static func modificationTime(_ file: URL) -> Double {
        let attributes = try? FileManager.default.attributesOfItem(atPath: file.resolvingSymlinksInPath().path)
        return (attributes?[.modificationDate] as? Date)?.timeIntervalSince1970 ?? 0
    }

    /// The document files, or the reason the folder could not be listed.
    private static func documentFiles(in root: URL) -> Result<[String], ContentProblem> {
        let folder = root.appendingPathComponent("documents")
        func problem(_ message: String) -> Result<[String], ContentProblem> {
            .failure(ContentProblem(file: "documents/", path: "$", message: message))
        }
        var isDirectory = false
        guard FileManager.default.fileExists(atPath: folder.path, isDirectory: &isDirectory) else {
            return problem("the folder is missing")
        }
        guard isDirectory else { return problem("a file, not a folder") }
        do {
            let names = try FileManager.default.contentsOfDirectory(atPath: folder.path)
            return .success(names.filter { $0.hasSuffix(".json") }.sorted().map { "documents/\($0)" })
        } catch {
            // What is left is permission or I/O: say which, by Foundation's error code.
            let code = (error as? CocoaError).map { "Foundation error \($0.code.rawValue)" } ?? "\(error)"
            return problem("cannot list the folder (not readable?): \(code)")
        }
    }

    /// FNV-1a (64-bit) over every file's name and bytes, in name order, as 16 hex digits.
    static func contentVersion(_ files: [String: Data]) -> String {
        var hash = FNV1a()
        for name in files.keys.sorted() {
            hash.mix(name.utf8)
            hash.mix([0])
            files[name]?.withUnsafeBytes { hash.mix($0) }  // Data's own iterator is several times slower
            hash.mix([0])
        }
        return hash.hex
    }
}
