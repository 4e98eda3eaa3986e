/// One thing wrong with the content: the file, the JSON path inside it, and what is wrong.
import Foundation

public struct ContentProblem: Error, Sendable, Hashable, CustomStringConvertible, Comparable {
    public let file: String
    public let path: String
    public let message: String

    public init(file: String, path: String, message: String) {
        self.file = file
        self.path = path
        self.message = message
    }

    public var description: String { "\(file): \(path): \(message)" }

    /// By file, then path with numbers compared as numbers (`[2]` before `[10]`), then message.
    public static func < (a: ContentProblem, b: ContentProblem) -> Bool {
        if a.file != b.file { return a.file < b.file }
        if a.path != b.path { return a.path.compare(b.path, options: .numeric) == .orderedAscending }
        return a.message < b.message
    }
}

/// Content that failed to load or validate, with every problem found, not just the first.
public struct InvalidContent: Error, Sendable, CustomStringConvertible {
    public let problems: [ContentProblem]

    public init(problems: [ContentProblem]) { self.problems = problems.sorted() }

    public var description: String {
        "\(problems.count) content problem(s):\n" + problems.map { "  \($0)" }.joined(separator: "\n")
    }
}
