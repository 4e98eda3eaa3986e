import ContentModel

extension ContentService {
    func search(_ query: QueryParameters) throws(APIError) -> Body {
        guard let q = query["q"] else { throw .missingParameter(name: "q", allowed: "the text to search for") }
        guard !q.trimmingSpaces.isEmpty, q.unicodeScalars.count <= 200 else {
            throw .invalidParameter(name: "q", value: q, allowed: "1 to 200 characters, not only spaces")
        }
        let kinds =
            try query.list("type", allowed: SearchIndex.Kind.allCases.map(\.rawValue))
            .map { Set($0.compactMap(SearchIndex.Kind.init(rawValue:))) } ?? Set(SearchIndex.Kind.allCases)
        let limit = try query.integer("limit", in: 1...100, default: 20)
        let offset = try query.integer("offset", in: 0...1_000_000, default: 0)
        let (hits, total) = searchIndex.page(q, kinds: kinds, offset: offset, limit: limit)
        let items = hits.map { hit -> JSONValue in
            let path: String
            switch hit.kind {
            case .agent: path = "/v1/agents/\(hit.id)"
            case .glossary: path = "/v1/glossary/\(hit.id)"
            case .section: path = "/v1/documents/\(hit.parentID ?? "")/sections/\(hit.id)"
            case .reference: path = "/v1/references/\(hit.id)"
            case .note: path = "/v1/notes/\(hit.id)"
            }
            return .object([
                ("type", .string(hit.kind.rawValue)), ("id", .string(hit.id)), ("title", .string(hit.title)),
                ("snippet", .string(hit.snippet)), ("score", .number((hit.score * 100).rounded() / 100)),
                ("match", .string(hit.match.rawValue)), ("matched", .string(hit.matched)),
                ("links", .object([("self", link(path))])),
            ])
        }
        guard case .json(let body, let header, _) = try page(items, total: total, path: "/v1/search", query: query)
        else { preconditionFailure("a page is JSON") }
        return .json(body.setting("query", .string(q)), link: header)
    }

    /// Side by side: one row per attribute, one value per agent (null where the record says nothing).
    func compare(_ query: QueryParameters) throws(APIError) -> Body {
        guard let names = try query.list("agents") else {
            throw .missingParameter(
                name: "agents", allowed: "2 to 7 agent ids, aliases or brand names, comma-separated")
        }
        guard (2...7).contains(names.count) else {
            throw .invalidParameter(
                name: "agents", value: names.joined(separator: ","), allowed: "2 to 7 agents, comma-separated")
        }
        var agents: [Agent] = []
        var unknown: [String] = []
        for name in names {
            guard let id = agentID(named: name), let agent = library.agentsByID[id] else {
                let suggestions = Self.suggestions(for: name, among: agentNames.keys.sorted()).compactMap {
                    agentNames[$0]
                }.uniqued()
                unknown.append(
                    "'\(APIError.quoted(name))'"
                        + (suggestions.isEmpty ? "" : " (did you mean \(suggestions.joined(separator: " or "))?)"))
                continue
            }
            guard !agents.contains(where: { $0.id == id }) else {
                throw .invalidParameter(name: "agents", value: name, allowed: "each agent once")
            }
            agents.append(agent)
        }
        if !unknown.isEmpty { throw .unknownAgents(unknown) }
        func row(_ id: String, _ label: String, _ value: (Agent) -> JSONValue) -> JSONValue {
            let values = agents.map { ($0.id, value($0)) }
            let present = values.map(\.1).filter { $0 != .null && $0 != .array([]) }
            return .object([
                ("id", .string(id)), ("label", .string(label)), ("values", .object(values)),
                ("allPresent", .bool(present.count == values.count)),
                ("allSame", .bool(present.count == values.count && Set(present.map { $0.encoded() }).count == 1)),
            ])
        }
        var rows = [
            row("class", "Class") { .string($0.classID) },
            row("mechanism", "Mechanism") { .string($0.mechanism.text) },
        ]
        for tissue in library.tissues
        where agents.contains(where: { $0.tissueEffects.contains { $0.tissue == tissue.id } }) {
            rows.append(
                row("tissue-\(tissue.id)", "Effect in \(tissue.name.lowercased())") { agent in
                    agent.tissueEffects.first { $0.tissue == tissue.id }.map {
                        .object([("effect", .string($0.effect.rawValue)), ("receptor", .string($0.receptor.rawValue))])
                    } ?? .null
                })
        }
        rows += [
            row("uses", "Uses and label status") { agent in
                .array(
                    agent.uses.map {
                        .object([
                            ("description", .string($0.description)), ("labelStatus", .string($0.labelStatus.rawValue)),
                        ])
                    })
            },
            row("routes", "Routes of the label doses") { agent in
                .array(agent.dosing.filter { $0.basis == .label }.map(\.route).uniqued().map(JSONValue.string))
            },
            row("boxed-warnings", "Boxed warnings by product label") { agent in
                .array(
                    agent.boxedWarnings.map {
                        .object([
                            ("product", .string($0.product)), ("topics", JSONValue.from($0.topics)),
                            ("status", .string($0.status.rawValue)), ("date", .string($0.date)),
                        ])
                    })
            },
            row("contraindications", "Contraindications") { agent in
                .array(agent.contraindications.map { .string($0.text) })
            },
            row("schedule", "US controlled-substance schedule") { .string($0.schedule.code.rawValue) },
            row("risks", "Risks the source describes") { agent in .array(agent.risks.map { .string($0.text) }) },
            row("monitoring", "Monitoring") { agent in .array(agent.monitoring.map { .string($0.text) }) },
        ]
        let summaries = agents.map(agentSummary)
        return .json(
            .object([
                ("agents", .array(summaries)), ("rows", .array(rows)),
                ("disclaimer", .string(library.metadata.disclaimer)),
            ]))
    }

    /// Every record, one JSON object per line, each with its type: a service mirrors the content from it.
    func export() -> Body {
        var lines: [JSONValue] = [
            .object([
                ("type", .string("metadata")), ("id", .string("library")), ("contentVersion", .string(library.version)),
                ("data", JSONValue.from(library.metadata)),
            ])
        ]
        func add(_ type: String, _ ids: [String], _ views: [String: JSONValue]) {
            lines += ids.compactMap { id in
                views[id].map { .object([("type", .string(type)), ("id", .string(id)), ("data", $0)]) }
            }
        }
        add("agent", library.agents.map(\.id), agentViews)
        lines += library.classes.map {
            .object([("type", .string("class")), ("id", .string($0.id)), ("data", JSONValue.from($0))])
        }
        lines += library.tissues.map {
            .object([("type", .string("tissue")), ("id", .string($0.id)), ("data", JSONValue.from($0))])
        }
        add("comparison", library.comparisons.map(\.id), comparisonViews)
        add("glossary", glossaryOrder.map(\.id), glossaryViews)
        add("reference", library.references.map(\.id), referenceViews)
        add("note", library.notes.map(\.id), noteViews)
        add("document", library.documents.map(\.id), documentViews)
        add("source", library.sources.map(\.id), sourceViews)
        var bytes: [UInt8] = []
        for line in lines {
            bytes += line.encoded()
            bytes.append(UInt8(ascii: "\n"))
        }
        return .bytes(bytes, contentType: "application/x-ndjson")
    }
}

extension String {
    var trimmingSpaces: Substring {
        var slice = Substring(self)
        while slice.first?.isWhitespace == true { slice = slice.dropFirst() }
        while slice.last?.isWhitespace == true { slice = slice.dropLast() }
        return slice
    }
}
