import ContentModel
import JSON

extension ContentService {
    /// Side by side: one row per attribute, one value per agent (null where the record says nothing).
    func compare(_ query: QueryParameters) throws(APIError) -> Body {
        guard let names = try query.list("agents") else {
            throw .missingParameter(
                name: "agents", expected: "2 to 7 agent ids, aliases or brand names, comma-separated")
        }
        guard (2...7).contains(names.count) else {
            throw .invalidParameter(
                name: "agents", value: names.joined(separator: ","), allowed: .items(2...7, of: "agents"))
        }
        var agents: [Agent] = []
        var unknown: [UnknownName] = []
        for name in names {
            guard let id = agentID(named: name), let agent = library.agentsByID[id] else {
                let suggestions = Self.suggestions(for: name, among: agentNames.keys.sorted()).compactMap {
                    agentNames[$0]
                }.uniqued()
                unknown.append(UnknownName(value: name, suggestions: suggestions))
                continue
            }
            guard !agents.contains(where: { $0.id == id }) else {
                throw .invalidParameter(name: "agents", value: name, allowed: .rule("each agent once"))
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
}
