/// One thing wrong with the content: the file, the JSON path inside it, and what is wrong.
import FoundationEssentials

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

    /// Said of a file that could not be read or parsed: the checks that needed it did not run.
    public static let skippedChecks =
        "checks that need this file (references into it, unattached notes) were skipped"

    /// Root causes first: a whole file that is wrong (missing, unreadable, not JSON, not its shape at the
    /// top), then problems inside records, then what follows from the first kind (checks skipped).
    var rank: Int { message == Self.skippedChecks ? 2 : (path == "$" ? 0 : 1) }

    /// Root causes first (`rank`), then by file, path with numbers compared as numbers (`[2]` before
    /// `[10]`), and message.
    public static func < (a: ContentProblem, b: ContentProblem) -> Bool {
        if a.rank != b.rank { return a.rank < b.rank }
        if a.file != b.file { return a.file < b.file }
        if a.path != b.path { return naturallyPrecedes(a.path, b.path) }
        return a.message < b.message
    }

    /// Byte order, except that runs of digits compare as numbers.
    static func naturallyPrecedes(_ a: String, _ b: String) -> Bool {
        let x = Array(a.utf8)
        let y = Array(b.utf8)
        func isDigit(_ byte: UInt8) -> Bool { byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") }
        func digits(_ bytes: [UInt8], from start: Int) -> (end: Int, value: ArraySlice<UInt8>) {
            var end = start
            while end < bytes.count, isDigit(bytes[end]) { end += 1 }
            return (end, bytes[start..<end].drop { $0 == UInt8(ascii: "0") })
        }
        var i = 0
        var j = 0
        while i < x.count, j < y.count {
            if isDigit(x[i]), isDigit(y[j]) {
                let (endX, numberX) = digits(x, from: i)
                let (endY, numberY) = digits(y, from: j)
                if numberX.count != numberY.count { return numberX.count < numberY.count }
                if numberX != numberY { return numberX.lexicographicallyPrecedes(numberY) }
                (i, j) = (endX, endY)
            } else {
                if x[i] != y[j] { return x[i] < y[j] }
                (i, j) = (i + 1, j + 1)
            }
        }
        return x.count - i < y.count - j
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
