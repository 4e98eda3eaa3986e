import JSON

/// A ranked search over agents (names, aliases, brand names, isomers), glossary terms, section text,
/// references (titles, authors' surnames, citation) and editorial notes, built once when the library loads. Matching is case- and diacritic-insensitive; a name can match
/// exactly, as an alias, by prefix or within one or two edits; any text can match word by word.
/// Ranking: exact name > alias > prefix > fuzzy > body text.
public struct SearchIndex: Sendable {
    /// What a hit is: one of the kinds with code of their own, or a kind the schemas declare (its `type`).
    public struct Kind: RawRepresentable, Hashable, Sendable, Encodable {
        public let rawValue: String
        public init(rawValue: String) { self.rawValue = rawValue }

        public static let agent = Kind(rawValue: "agent")
        public static let glossary = Kind(rawValue: "glossary")
        public static let section = Kind(rawValue: "section")
        public static let reference = Kind(rawValue: "reference")
        public static let note = Kind(rawValue: "note")
        /// The kinds every content has; `kinds` adds the declared ones.
        public static let allCases: [Kind] = [.agent, .glossary, .section, .reference, .note]
    }

    /// Every kind this index holds: `Kind.allCases`, then the declared kinds in library order.
    public let kinds: [Kind]
    /// The same kinds by rank (their names sorted): an entry's `tieRank` is its kind's place here.
    let rankedKinds: [Kind]

    /// How a hit matched, strongest first.
    public enum Match: String, Sendable, Encodable {
        case exact, alias, prefix, fuzzy, text
    }

    public struct Hit: Sendable, Equatable {
        public let kind: Kind
        public let id: String
        /// For a section: the document it belongs to.
        public let parentID: String?
        public let title: String
        public let snippet: String
        public let score: Double
        public let match: Match
        /// The name, alias or word that matched.
        public let matched: String
    }

    struct Name: Sendable {
        let folded: String
        let original: String
        let isPrimary: Bool
        /// The folded name's words, for word-prefix matches.
        let words: [Substring]
        /// The folded name's Unicode scalar values, for edit distances.
        let scalars: [UInt32]
        /// The folded name and its words as UTF-8, for exact and prefix matches.
        let bytes: [UInt8]
        let wordBytes: [[UInt8]]
        /// The folded name's length in characters, for prefix ranking.
        let length: Int

        init(folded: String, original: String, isPrimary: Bool) {
            self.folded = folded
            self.original = original
            self.isPrimary = isPrimary
            self.words = folded.split(separator: " ")
            self.scalars = folded.unicodeScalars.map(\.value)
            self.bytes = Array(folded.utf8)
            self.wordBytes = words.map { Array($0.utf8) }
            self.length = folded.count
        }
    }

    struct Entry: Sendable {
        let kind: Kind
        /// Equal scores are ordered by kind, alphabetically by its name, then by id: the kind's place
        /// among the sorted names, so a tie compares two integers, not two strings.
        var tieRank = 0
        let id: String
        let parentID: String?
        let title: String
        let names: [Name]
        /// The entry's prose, with its folded words, for postings and snippets.
        let body: IndexedText
    }

    let entries: [Entry]
    /// Folded word → entries whose body holds it, with how often.
    let postings: [String: [(entry: Int, count: Int)]]
    /// The entries a query may match by name, without a scan.
    let names: NameIndex
    /// Every word of `postings` as UTF-8, sorted: the words a query's last word is a prefix of are one
    /// binary search away.
    let vocabulary: [(key: [UInt8], value: String)]

    public init(library: Library) {
        var entries: [Entry] = []
        for agent in library.agents {
            var names = [Name(folded: TextFolding.fold(agent.name), original: agent.name, isPrimary: true)]
            let others = agent.aliases + agent.brandNames.map(\.name) + (agent.isomers ?? []).map(\.name)
            names += others.map { Name(folded: TextFolding.fold($0), original: $0, isPrimary: false) }
            let body = [agent.summary, agent.mechanism.text] + agent.uses.map(\.description)
            entries.append(Self.entry(.agent, agent.id, nil, agent.name, names, body))
        }
        for term in library.glossary {
            var names = [Name(folded: TextFolding.fold(term.term), original: term.term, isPrimary: true)]
            if TextFolding.fold(term.sourceTerm) != names[0].folded {
                names.append(
                    Name(folded: TextFolding.fold(term.sourceTerm), original: term.sourceTerm, isPrimary: false))
            }
            entries.append(Self.entry(.glossary, term.id, nil, term.term, names, [term.definition]))
        }
        for document in library.documents {
            for section in document.sections {
                let names = [Name(folded: TextFolding.fold(section.title), original: section.title, isPrimary: true)]
                let body = section.blocks.flatMap(\.texts)
                entries.append(Self.entry(.section, section.id, document.id, section.title, names, body))
            }
        }
        for reference in library.references {
            let citations = [reference.citedAs] + (reference.corrected.map { [$0] } ?? [])
            let title = reference.corrected?.title ?? reference.citedAs.title
            var names = [Name(folded: TextFolding.fold(title), original: title, isPrimary: true)]
            let surnames = citations.flatMap(\.authors).map { String($0.prefix { $0 != "," }) }.uniqued()
            names += surnames.map { Name(folded: TextFolding.fold($0), original: $0, isPrimary: false) }
            let body = (citations.flatMap { [$0.title, $0.container] + $0.authors } + [reference.verdictNote]).uniqued()
            entries.append(Self.entry(.reference, reference.id, nil, title, names, body))
        }
        for note in library.notes {
            entries.append(Self.entry(.note, note.id, nil, "Editorial note (\(note.verdict))", [], [note.text]))
        }
        // A declared kind's record: titled by its declared title field (else its id); its text is its
        // declared text fields (else every string but ids and provenance).
        var kinds = Kind.allCases
        for kind in library.kinds where kind.isGeneric {
            kinds.append(Kind(rawValue: kind.type))
            let records = library.records(kind)
            for id in library.ids(kind) {
                guard let record = records[id] else { continue }
                let title = kind.declaration?.titleField.flatMap { record[$0]?.stringValue }
                let names = title.map { [Name(folded: TextFolding.fold($0), original: $0, isPrimary: true)] } ?? []
                entries.append(
                    Self.entry(Kind(rawValue: kind.type), id, nil, title ?? id, names, Self.prose(of: record, kind)))
            }
        }
        rankedKinds = kinds.sorted { $0.rawValue < $1.rawValue }
        let ranks = Dictionary(uniqueKeysWithValues: rankedKinds.enumerated().map { ($1.rawValue, $0) })
        for index in entries.indices { entries[index].tieRank = ranks[entries[index].kind.rawValue] ?? 0 }
        self.kinds = kinds
        var postings: [String: [(entry: Int, count: Int)]] = [:]
        for (index, entry) in entries.enumerated() {
            var counts: [String: Int] = [:]
            for word in entry.body.words { counts[word.folded, default: 0] += 1 }
            for name in entry.names { for word in name.words { counts[String(word), default: 0] += 1 } }
            for (word, count) in counts { postings[word, default: []].append((index, count)) }
        }
        self.entries = entries
        self.postings = postings
        names = NameIndex(names: entries.map { $0.names.map(\.folded) })
        vocabulary = postings.keys.map { (Array($0.utf8), $0) }.sorted { $0.key.lexicographicallyPrecedes($1.key) }
    }

    /// The prose of a declared kind's record: its declared text fields, else every string but its id, its
    /// relation fields' ids and its provenance, in file order.
    private static func prose(of record: JSONValue, _ kind: RecordKind) -> [String] {
        var texts: [String] = []
        func walk(_ value: JSONValue) {
            switch value {
            case .string(let text): texts.append(text)
            case .array(let items): items.forEach(walk)
            case .object(let fields, let order): for key in order { fields[key].map(walk) }
            case .number, .bool, .null: break
            }
        }
        if let fields = kind.declaration?.textFields {
            for field in fields { record[field].map(walk) }
        } else if case .object(let values, let order) = record {
            let skipped = Set(["id", "provenance"] + kind.relations.map(\.field))
            for key in order where !skipped.contains(key) { values[key].map(walk) }
        }
        return texts
    }

    private static func entry(
        _ kind: Kind, _ id: String, _ parentID: String?, _ title: String, _ names: [Name], _ body: [String]
    ) -> Entry {
        Entry(
            kind: kind, id: id, parentID: parentID, title: title, names: names,
            body: IndexedText(body.joined(separator: " ")))
    }
}
