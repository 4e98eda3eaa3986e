/// A schema's `pattern`, compiled once: the part of ECMA-262 regular expressions (Unicode mode, as JSON
/// Schema specifies) that schemas use — literals, `.`, classes with ranges and negation, `\uXXXX`, `\d`,
/// `\w`, `\s`, groups, `|`, the greedy quantifiers `* + ? {n} {n,} {n,m}`, and the anchors `^` `$` — matched
/// over Unicode scalars by backtracking. Swift's `Regex` is not used: it normalises the bounds of a class
/// range, so it refuses `[\u2000-\u200a]`, a range of spaces our text pattern needs. A pattern outside this
/// part makes no matcher, and the validator reports the pattern itself.
struct PatternMatcher: Sendable {
    private let root: Node
    /// Begins with `^`: only a match from the first scalar can succeed.
    private let anchored: Bool

    init?(_ pattern: String) {
        var parser = Parser(scalars: Array(pattern.unicodeScalars.map(\.value)))
        guard let root = parser.parseAlternation(), parser.isAtEnd else { return nil }
        self.root = root
        anchored = root.kind == .sequence && root.children.first?.kind == .start
    }

    /// ECMA-262 searches: the pattern may match anywhere unless it is anchored.
    func matches(_ text: String) -> Bool {
        var scalars: [UInt32] = []
        scalars.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars { scalars.append(scalar.value) }
        let starts = anchored ? 0...0 : 0...scalars.count
        return starts.contains { start in Self.match(root, scalars, start) { _ in true } }
    }

    /// A node of the pattern. A struct of plain fields, not an indirect enum: LeakSanitizer cannot follow
    /// the pointers of a multi-payload enum (their tag lives in the pointer's spare bits), and schemas held
    /// for the life of the process would be reported as leaked.
    struct Node: Sendable {
        enum Kind: Sendable { case scalar, start, end, sequence, alternation, repetition }
        var kind: Kind
        var set = ScalarSet(ranges: [])
        var children: [Node] = []
        var min = 0
        var max: Int?

        static func scalar(_ set: ScalarSet) -> Node { Node(kind: .scalar, set: set) }
        static let start = Node(kind: .start)
        static let end = Node(kind: .end)
        static func sequence(_ nodes: [Node]) -> Node { Node(kind: .sequence, children: nodes) }
        static func alternation(_ nodes: [Node]) -> Node { Node(kind: .alternation, children: nodes) }
        static func repetition(_ body: Node, min: Int, max: Int?) -> Node {
            Node(kind: .repetition, children: [body], min: min, max: max)
        }
    }

    struct ScalarSet: Sendable {
        var ranges: [ClosedRange<UInt32>]
        var negated = false

        func contains(_ scalar: UInt32) -> Bool { ranges.contains { $0.contains(scalar) } != negated }

        static let any = ScalarSet(ranges: [0x0A...0x0A, 0x0D...0x0D, 0x2028...0x2029], negated: true)
        static let digit = ScalarSet(ranges: [0x30...0x39])
        static let word = ScalarSet(ranges: [0x30...0x39, 0x41...0x5A, 0x5F...0x5F, 0x61...0x7A])
        static let space = ScalarSet(ranges: [
            0x09...0x0D, 0x20...0x20, 0xA0...0xA0, 0x1680...0x1680, 0x2000...0x200A, 0x2028...0x2029,
            0x202F...0x202F, 0x205F...0x205F, 0x3000...0x3000, 0xFEFF...0xFEFF,
        ])
    }

    /// Whether `node` matches at `index` with the rest of the pattern (`next`) matching after it.
    private static func match(_ node: Node, _ text: [UInt32], _ index: Int, _ next: (Int) -> Bool) -> Bool {
        switch node.kind {
        case .scalar: return index < text.count && node.set.contains(text[index]) && next(index + 1)
        case .start: return index == 0 && next(index)
        case .end: return index == text.count && next(index)
        case .sequence: return matchSequence(node.children[...], text, index, next)
        case .alternation: return node.children.contains { match($0, text, index, next) }
        case .repetition where node.children[0].kind == .scalar:
            // A run of one class: no recursion per scalar, so long text cannot exhaust the stack.
            let set = node.children[0].set
            var end = index
            while end < text.count, node.max.map({ end - index < $0 }) ?? true, set.contains(text[end]) { end += 1 }
            guard end - index >= node.min else { return false }
            return stride(from: end, through: index + node.min, by: -1).contains { next($0) }
        case .repetition: return repeatMatch(node.children[0], node.min, node.max, 0, text, index, next)
        }
    }

    private static func matchSequence(
        _ nodes: ArraySlice<Node>, _ text: [UInt32], _ index: Int, _ next: (Int) -> Bool
    ) -> Bool {
        guard let first = nodes.first else { return next(index) }
        return match(first, text, index) { matchSequence(nodes.dropFirst(), text, $0, next) }
    }

    private static func repeatMatch(
        _ body: Node, _ min: Int, _ max: Int?, _ count: Int, _ text: [UInt32], _ index: Int, _ next: (Int) -> Bool
    ) -> Bool {
        if max.map({ count < $0 }) ?? true,
            match(body, text, index, { $0 != index && repeatMatch(body, min, max, count + 1, text, $0, next) })
        {
            return true
        }
        return count >= min && next(index)
    }

    /// Recursive descent over the pattern's scalars; nil for anything outside the supported part.
    private struct Parser {
        let scalars: [UInt32]
        var index = 0
        var isAtEnd: Bool { index >= scalars.count }

        private func peek(_ scalar: Character) -> Bool {
            !isAtEnd && scalars[index] == scalar.unicodeScalars.first?.value
        }

        mutating func parseAlternation() -> Node? {
            var branches: [Node] = []
            repeat {
                if !branches.isEmpty { index += 1 }
                guard let branch = parseSequence() else { return nil }
                branches.append(branch)
            } while peek("|")
            return branches.count == 1 ? branches[0] : .alternation(branches)
        }

        private mutating func parseSequence() -> Node? {
            var nodes: [Node] = []
            while !isAtEnd, !peek("|"), !peek(")") {
                guard let atom = parseAtom(), let quantified = parseQuantifier(atom) else { return nil }
                nodes.append(quantified)
            }
            return .sequence(nodes)
        }

        private mutating func parseAtom() -> Node? {
            let scalar = scalars[index]
            index += 1
            switch Character(Unicode.Scalar(scalar) ?? "\0") {
            case "^": return .start
            case "$": return .end
            case ".": return .scalar(.any)
            case "(":
                if peek("?") {
                    guard index + 1 < scalars.count, scalars[index + 1] == UInt32(UInt8(ascii: ":")) else { return nil }
                    index += 2
                }
                guard let inner = parseAlternation(), peek(")") else { return nil }
                index += 1
                return inner
            case "[": return parseClass()
            case "\\": return parseEscape().map { .scalar($0) }
            case "*", "+", "?", "{", ")", "]", "}": return nil
            default: return .scalar(ScalarSet(ranges: [scalar...scalar]))
            }
        }

        private mutating func parseQuantifier(_ atom: Node) -> Node? {
            guard !isAtEnd else { return atom }
            switch Character(Unicode.Scalar(scalars[index]) ?? "\0") {
            case "*": index += 1; return .repetition(atom, min: 0, max: nil)
            case "+": index += 1; return .repetition(atom, min: 1, max: nil)
            case "?": index += 1; return .repetition(atom, min: 0, max: 1)
            case "{":
                index += 1
                guard let min = parseNumber() else { return nil }
                var max: Int? = min
                if peek(",") {
                    index += 1
                    max = peek("}") ? nil : parseNumber()
                }
                guard peek("}") else { return nil }
                index += 1
                return .repetition(atom, min: min, max: max)
            default: return atom
            }
        }

        private mutating func parseNumber() -> Int? {
            var value: Int?
            while !isAtEnd, (0x30...0x39).contains(scalars[index]) {
                value = (value ?? 0) * 10 + Int(scalars[index] - 0x30)
                index += 1
            }
            return value
        }

        private mutating func parseClass() -> Node? {
            var set = ScalarSet(ranges: [])
            if peek("^") {
                set.negated = true
                index += 1
            }
            while !isAtEnd, !peek("]") {
                guard let lower = parseClassMember() else { return nil }
                if peek("-"), index + 1 < scalars.count, scalars[index + 1] != UInt32(UInt8(ascii: "]")) {
                    index += 1
                    guard let upper = parseClassMember(), lower.ranges.count == 1, upper.ranges.count == 1,
                        let low = lower.ranges.first?.lowerBound, let high = upper.ranges.first?.upperBound,
                        low <= high,
                        !lower.negated, !upper.negated
                    else { return nil }
                    set.ranges.append(low...high)
                } else if lower.negated {
                    return nil  // \D, \W, \S inside a class: not needed, not supported
                } else {
                    set.ranges += lower.ranges
                }
            }
            guard peek("]") else { return nil }
            index += 1
            return .scalar(set)
        }

        private mutating func parseClassMember() -> ScalarSet? {
            let scalar = scalars[index]
            index += 1
            if scalar == UInt32(UInt8(ascii: "\\")) { return parseEscape() }
            return ScalarSet(ranges: [scalar...scalar])
        }

        /// After a backslash: `\uXXXX`, `\u{…}`, a class escape, or an escaped literal.
        private mutating func parseEscape() -> ScalarSet? {
            guard !isAtEnd else { return nil }
            let scalar = scalars[index]
            index += 1
            switch Character(Unicode.Scalar(scalar) ?? "\0") {
            case "d": return .digit
            case "D": return ScalarSet(ranges: ScalarSet.digit.ranges, negated: true)
            case "w": return .word
            case "W": return ScalarSet(ranges: ScalarSet.word.ranges, negated: true)
            case "s": return .space
            case "S": return ScalarSet(ranges: ScalarSet.space.ranges, negated: true)
            case "t": return ScalarSet(ranges: [0x09...0x09])
            case "n": return ScalarSet(ranges: [0x0A...0x0A])
            case "r": return ScalarSet(ranges: [0x0D...0x0D])
            case "u":
                let braced = peek("{")
                if braced { index += 1 }
                var value: UInt32 = 0
                var digits = 0
                while !isAtEnd, braced ? !peek("}") : digits < 4, let digit = Self.hexValue(scalars[index]) {
                    value = value * 16 + digit
                    digits += 1
                    index += 1
                }
                guard braced ? peek("}") && digits > 0 : digits == 4 else { return nil }
                if braced { index += 1 }
                return ScalarSet(ranges: [value...value])
            default:
                // An escaped letter or digit we do not know means something else in ECMA-262.
                if let ascii = Unicode.Scalar(scalar), ascii.properties.isAlphabetic || (0x30...0x39).contains(scalar) {
                    return nil
                }
                return ScalarSet(ranges: [scalar...scalar])
            }
        }

        private static func hexValue(_ scalar: UInt32) -> UInt32? {
            switch scalar {
            case 0x30...0x39: scalar - 0x30
            case 0x41...0x46: scalar - 0x41 + 10
            case 0x61...0x66: scalar - 0x61 + 10
            default: nil
            }
        }
    }
}
