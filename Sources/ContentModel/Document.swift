/// A source document as a tree of sections in source order.
public struct Document: Codable, Sendable, Hashable, Identifiable {
    public let id: String
    public let title: String
    public let summary: String
    /// What the document is and how we treated it (captions dropped, tables rebuilt, …).
    public let sourceNote: String
    public let sections: [Section]
}

/// The reading tier a section belongs to in the source.
public enum ReadingLevel: String, Codable, Sendable, CaseIterable {
    case fundamentals, intermediate, academic
}

public struct Section: Codable, Sendable, Hashable, Identifiable {
    public let id: String
    public let title: String
    public let level: ReadingLevel
    public let blocks: [Block]
    /// Editorial notes on the section as a whole.
    public let notes: [String]
}

/// A unit of section content.
public enum Block: Codable, Sendable, Hashable {
    case paragraph(text: String, notes: [String])
    case keyPoint(text: String)
    case list(items: [ListItem])
    /// One of the library's comparison tables, by id.
    case table(comparison: String)

    public struct ListItem: Codable, Sendable, Hashable {
        public let term: String?
        public let text: String
        public let notes: [String]
    }

    public var kind: String {
        switch self {
        case .paragraph: "paragraph"
        case .keyPoint: "keyPoint"
        case .list: "list"
        case .table: "table"
        }
    }

    /// Every piece of prose in the block, for search and validation.
    public var texts: [String] {
        switch self {
        case .paragraph(let text, _), .keyPoint(let text): [text]
        case .list(let items): items.flatMap { [$0.term, $0.text].compactMap { $0 } }
        case .table: []
        }
    }

    private enum CodingKeys: String, CodingKey { case type, text, notes, items, comparison }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(kind, forKey: .type)
        switch self {
        case .paragraph(let text, let notes):
            try container.encode(text, forKey: .text)
            try container.encode(notes, forKey: .notes)
        case .keyPoint(let text):
            try container.encode(text, forKey: .text)
        case .list(let items):
            try container.encode(items, forKey: .items)
        case .table(let comparison):
            try container.encode(comparison, forKey: .comparison)
        }
    }
}

extension ReadingLevel: DecodingFallback { static var decodingFallback: Self { .fundamentals } }

extension Block {
    /// The block its `type` names; the schema reports an unknown type, which reads as an empty paragraph.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        switch try container.decode(String.self, forKey: .type) {
        case "keyPoint": self = .keyPoint(text: try container.decode(String.self, forKey: .text))
        case "list": self = .list(items: try container.decode([ListItem].self, forKey: .items))
        case "table": self = .table(comparison: try container.decode(String.self, forKey: .comparison))
        default:
            self = .paragraph(
                text: try container.decode(String.self, forKey: .text),
                notes: try container.decode([String].self, forKey: .notes))
        }
    }
}
