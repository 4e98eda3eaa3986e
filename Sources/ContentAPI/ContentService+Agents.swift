import ContentModel
import JSON

extension ContentService {
    static let agentIncludes = ["class", "glossary", "references", "notes", "sources", "tissues"]

    func root() -> Body {
        // Every /v1 endpoint that takes no path parameter, named by its last segment: the table says them once.
        let collections = routes.literalPatterns.filter { $0.hasPrefix("/v1/") }
        let links: [(String, JSONValue)] =
            collections.map { (String($0.dropFirst("/v1/".count)), link($0)) }
            + [("openapi", link("/openapi.yaml")), ("self", link("/"))]
        return .json(
            .object([
                ("name", .string("hormone-therapy-api")), ("title", .string(library.metadata.title)),
                ("contentVersion", .string(library.version)), ("lastReviewed", .string(library.metadata.lastReviewed)),
                ("disclaimer", .string(library.metadata.disclaimer)), ("language", .string(library.metadata.language)),
                ("links", .object(links)),
            ]))
    }

    func agentSummary(_ agent: Agent) -> JSONValue {
        (agentViews[agent.id] ?? .null).selecting(["id", "name", "class", "aliases", "brandNames", "summary", "links"])
    }

    func agents(_ query: QueryParameters) throws(APIError) -> Body {
        // Filters by id name a record that exists (a mistyped one is a 404 with the closest ids, not an
        // empty page); they are matched case-insensitively like every id.
        let classID = try knownID("class", query, among: library.classes.map(\.id))
        let tissue = try knownID("tissue", query, among: library.tissues.map(\.id))
        let effect = try query.choice("effect", Effect.allCases.map(\.rawValue))
        let fields = try query.list("fields", allowed: agentFields)
        var matches = library.agents
        if let classID { matches = matches.filter { $0.classID == classID } }
        if tissue != nil || effect != nil {
            matches = matches.filter { agent in
                agent.tissueEffects.contains {
                    (tissue == nil || $0.tissue == tissue) && (effect == nil || $0.effect.rawValue == effect)
                }
            }
        }
        if let q = try query.text("q", minLength: 1) {
            let hits = Set(searchIndex.search(q, kinds: [.agent], limit: 1000).map(\.id))
            matches = matches.filter { hits.contains($0.id) }
        }
        let items = matches.map {
            fields == nil ? agentSummary($0) : project(agentViews[$0.id] ?? .null, fields: fields)
        }
        return try page(items, path: "/v1/agents", query: query)
    }

    func agent(_ name: String, _ query: QueryParameters) throws(APIError) -> Body {
        guard let id = agentID(named: name), let agent = library.agentsByID[id], let view = agentViews[id] else {
            throw .notFound(
                kind: "agent", id: name,
                suggestions: Self.suggestions(for: name, among: agentNames.keys.sorted()).compactMap { agentNames[$0] }
                    .uniqued())
        }
        let fields = try query.list("fields", allowed: agentFields)
        var result = project(view, fields: fields)
        if let include = try query.list("include", allowed: Self.agentIncludes) {
            var included: [(String, JSONValue)] = []
            for kind in include.uniqued() {
                switch kind {
                case "class": included.append((kind, library.classesByID[agent.classID].map(classView) ?? .null))
                case "glossary": included.append((kind, .array(agent.glossaryTerms.compactMap { glossaryViews[$0] })))
                case "references": included.append((kind, .array(agent.references.compactMap { referenceViews[$0] })))
                case "notes": included.append((kind, .array(Self.cited(in: view).notes.compactMap { noteViews[$0] })))
                case "sources":
                    included.append((kind, .array(Self.cited(in: view).sources.compactMap { sourceViews[$0] })))
                default:
                    included.append(
                        (
                            kind,
                            .array(
                                agent.tissueEffects.map(\.tissue).uniqued().compactMap {
                                    library.tissuesByID[$0].map(tissueView)
                                })
                        ))
                }
            }
            result = result.setting("included", .object(included))
        }
        let location = id == name ? nil : basePath + "/v1/agents/\(id)"
        return .json(result, contentLocation: location)
    }

    func classes() -> Body {
        .json(.object([("items", .array(library.classes.map(classView)))]))
    }

    func agentClass(_ id: String) throws(APIError) -> Body {
        guard let agentClass = library.classesByID[id] else {
            throw .notFound(
                kind: "class", id: id, suggestions: Self.suggestions(for: id, among: library.classes.map(\.id)))
        }
        let members = library.agents.filter { $0.classID == id }.map(agentSummary)
        return .json(classView(agentClass).setting("agents", .array(members)))
    }

    private func classView(_ agentClass: AgentClass) -> JSONValue {
        let members = library.agents.filter { $0.classID == agentClass.id }.map(\.id)
        let view = (classTrees[agentClass.id] ?? .null)
            .setting("agentIds", .array(members.map { .string($0) }))
            .setting("links", .object([("self", link("/v1/classes/\(agentClass.id)"))]))
        return Self.linking(view, [("agents", members.map { "/v1/agents/\($0)" })], link: { basePath + $0 })
    }

    /// A tissue with its links: itself and the agents that act on it.
    private func tissueView(_ tissue: Tissue) -> JSONValue {
        let agents = library.agents.filter { $0.tissueEffects.contains { $0.tissue == tissue.id } }.map(\.id)
        let view = (tissueTrees[tissue.id] ?? .null).setting(
            "links", .object([("self", link("/v1/tissues/\(tissue.id)"))]))
        return Self.linking(view, [("agents", agents.map { "/v1/agents/\($0)" })], link: { basePath + $0 })
    }

    func tissues() -> Body {
        .json(.object([("items", .array(library.tissues.map(tissueView)))]))
    }

    func tissue(_ id: String) throws(APIError) -> Body {
        guard let tissue = library.tissuesByID[id] else {
            throw .notFound(
                kind: "tissue", id: id, suggestions: Self.suggestions(for: id, among: library.tissues.map(\.id)))
        }
        let effects: [JSONValue] = library.agents.compactMap { agent in
            guard let effect = agent.tissueEffects.first(where: { $0.tissue == id }) else { return nil }
            return .object([
                ("agent", .string(agent.id)), ("name", .string(agent.name)), ("class", .string(agent.classID)),
                ("effect", .string(effect.effect.rawValue)), ("receptor", .string(effect.receptor.rawValue)),
                ("note", .string(effect.note)),
                ("provenance", JSONValue.from(effect.provenance)), ("notes", JSONValue.from(effect.notes)),
                ("links", .object([("agent", link("/v1/agents/\(agent.id)"))])),
            ])
        }
        return .json(tissueView(tissue).setting("effects", .array(effects)))
    }

    /// The id a filter names, when a record has it; else a 404 listing every id and the closest.
    private func knownID(_ name: String, _ query: QueryParameters, among ids: [String]) throws(APIError) -> String? {
        guard let id = try query.id(name) else { return nil }
        guard ids.contains(id) else {
            throw .unknownID(
                parameter: name, value: id, known: ids.sorted(), suggestions: Self.suggestions(for: id, among: ids))
        }
        return id
    }
}
