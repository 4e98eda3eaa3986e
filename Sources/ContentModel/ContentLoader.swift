import FoundationEssentials

/// Loads the content directory into a validated `Library`, or throws every problem found.
///
/// Layout: `library.json` (metadata), `agents.json`, `classes.json`, `tissues.json`, `comparisons.json`,
/// `glossary.json`, `references.json`, `notes.json`, `sources.json`, and one file per document under `documents/`.
public enum ContentLoader {
    static let collectionFiles = [
        "agents.json", "classes.json", "tissues.json", "comparisons.json", "glossary.json", "references.json",
        "notes.json", "sources.json",
    ]

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

        func read(_ name: String) -> JSONValue? {
            guard let data = FileManager.default.contents(atPath: root.appendingPathComponent(name).path) else {
                problems.append(ContentProblem(file: name, path: "$", message: "file is missing or unreadable"))
                return nil
            }
            files[name] = data
            let attributes = try? FileManager.default.attributesOfItem(atPath: root.appendingPathComponent(name).path)
            if let modified = attributes?[.modificationDate] as? Date {
                newest = max(newest, modified.timeIntervalSince1970)
            }
            do {
                let value = try JSONValue.parse(Array(data))
                problems += TextRules.check(value, file: name)
                trees[name] = value
                return value
            } catch {
                problems.append(ContentProblem(file: name, path: "$", message: error.description))
                return nil
            }
        }

        func decode<T>(_ name: String, key: String, _ element: (ContentDecoder) -> (JSONValue, String) -> T?) -> [T] {
            guard let value = read(name) else { return [] }
            let decoder = ContentDecoder(file: name)
            let items = decoder.collection(value, key: key, element(decoder))
            problems += decoder.problems
            return items
        }

        let metadataDecoder = ContentDecoder(file: "library.json")
        let metadata = read("library.json").flatMap { metadataDecoder.metadata($0) }
        problems += metadataDecoder.problems

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
            guard let value = read(name) else { continue }
            let decoder = ContentDecoder(file: name)
            if let document = decoder.document(value) {
                documents.append(document)
                documentFileByID[document.id] = name
            }
            problems += decoder.problems
        }

        let library = Library(
            metadata: metadata ?? Library.Metadata(title: "", language: "", lastReviewed: "", disclaimer: ""),
            documents: documents,
            agents: decode("agents.json", key: "agents") { $0.agent },
            classes: decode("classes.json", key: "classes") { $0.agentClass },
            tissues: decode("tissues.json", key: "tissues") { $0.tissue },
            comparisons: decode("comparisons.json", key: "comparisons") { $0.comparison },
            glossary: decode("glossary.json", key: "entries") { $0.glossaryEntry },
            references: decode("references.json", key: "references") { $0.reference },
            notes: decode("notes.json", key: "notes") { $0.note },
            sources: decode("sources.json", key: "sources") { $0.source }, newestFileTime: newest,
            version: contentVersion(files))
        let unreadable = Set(problems.filter { $0.path == "$" }.map(\.file))
        problems += ContentValidator(library: library, documentFiles: documentFileByID, unreadable: unreadable)
            .problems()
        guard problems.isEmpty else {
            let named = Set(problems).map { problem in
                guard let tree = trees[problem.file] else { return problem }
                return ContentProblem(
                    file: problem.file, path: ProblemPath.named(problem.path, in: tree), message: problem.message)
            }
            throw InvalidContent(problems: named)
        }
        return library
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
            hash.mix(files[name] ?? Data())
            hash.mix([0])
        }
        return hash.hex
    }
}
