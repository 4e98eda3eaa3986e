import ContentModel
import JSON

/// What a FHIR search needs beyond its query: where the server is reached from (for `fullUrl`s and
/// links, which FHIR requires to be absolute), and whether the client asked for lenient handling.
struct FHIRRequest: Sendable {
    /// `scheme://host[:port]` as the client reached us (trusted `X-Forwarded-*` honoured).
    let origin: String
    /// `Prefer: handling=lenient`: unknown parameters are ignored, and the Bundle says so.
    let lenient: Bool
    let query: String?

    /// No query, strict handling: how a read is precomputed (reads hold no absolute URLs).
    static let plain = FHIRRequest(origin: "", lenient: false, query: nil)
}

extension FHIRView {
    /// The parameters every search takes (FHIR R5 §3.2.1.7 search result parameters).
    static let resultParameters = ["_id", "_count", "_offset", "_summary", "_format", "_pretty"]

    static func searchParameters(_ type: ResourceType) -> [String] {
        switch type {
        case .medicationKnowledge: resultParameters + ["code"]
        case .clinicalUseDefinition: resultParameters + ["subject", "type"]
        case .citation: resultParameters
        }
    }

    static let clinicalUseTypes = ["indication", "contraindication", "warning", "interaction", "undesirable-effect"]

    /// `GET /fhir/{type}?…`: a `searchset` Bundle with the true total, absolute `fullUrl`s, and
    /// `self`/`next` links that page with `_offset`.
    func search(_ type: ResourceType, _ request: FHIRRequest) throws(APIError) -> Body {
        let allowed = Self.searchParameters(type)
        let (kept, ignored) = Self.partition(request.query, allowed: allowed)
        if !request.lenient, let unknown = ignored.first { throw .unknownParameter(name: unknown, allowed: allowed) }
        let query = try QueryParameters(kept, allowed: allowed)
        let pretty = try Self.format(query)
        let count = try query.integer("_count", in: 0...100, default: 20)
        let offset = try query.integer("_offset", in: 0...1_000_000, default: 0)
        let summaryOnly = try query.choice("_summary", ["count", "false"]) == "count"

        var matches = entries[type] ?? []
        if let ids = try query.commaList("_id") { matches = matches.filter { ids.contains($0.id) } }
        if let tokens = try query.commaList("code") {
            matches = matches.filter { entry in tokens.contains { Self.token($0, matches: entry.codes) } }
        }
        if let subjects = try query.commaList("subject") {
            let wanted = subjects.map { $0.hasPrefix("MedicationKnowledge/") ? $0 : "MedicationKnowledge/\($0)" }
            matches = matches.filter { wanted.contains($0.subject ?? "") }
        }
        if let types = try query.commaList("type") {
            for value in types where !Self.clinicalUseTypes.contains(value) {
                throw .invalidParameter(
                    name: "type", value: value, allowed: Self.clinicalUseTypes.joined(separator: ", "))
            }
            matches = matches.filter { types.contains($0.type ?? "") }
        }

        let base = request.origin + basePath + "/fhir/" + type.rawValue
        func url(offset: Int) -> String {
            let parameters = query.setting("_offset", offset == 0 ? nil : String(offset)).setting("_pretty", nil)
            return base + (parameters.canonical.isEmpty ? "" : "?" + parameters.canonical)
        }
        var links: [JSONValue] = [Self.link("self", url(offset: offset))]
        let page = summaryOnly ? [] : Array(matches.dropFirst(offset).prefix(count))
        if !summaryOnly, count > 0, offset + count < matches.count {
            links.append(Self.link("next", url(offset: offset + count)))
        }
        var bundle: [(String, JSONValue)] = [
            ("resourceType", .string("Bundle")), ("type", .string("searchset")),
            ("total", .number(Double(matches.count))), ("link", .array(links)),
        ]
        if !page.isEmpty {
            bundle.append(
                (
                    "entry",
                    .array(
                        page.map { entry in
                            .object([
                                ("fullUrl", .string(base + "/" + entry.id)), ("resource", entry.resource),
                                ("search", .object([("mode", .string("match"))])),
                            ])
                        })
                ))
        }
        if !ignored.isEmpty {
            bundle.append(
                (
                    "issues",
                    Self.outcome(
                        severity: "warning", code: "not-supported",
                        diagnostics: "Ignored unknown search parameters (Prefer: handling=lenient): "
                            + ignored.map { APIError.quoted($0) }.joined(separator: ", ") + ".")
                ))
        }
        return .fhir(.object(bundle), pretty: pretty)
    }

    /// Reads `_format` (JSON only: XML is 406) and `_pretty`.
    static func format(_ query: QueryParameters) throws(APIError) -> Bool {
        if let format = query["_format"] {
            switch format.lowercased() {
            case "json", "application/json", "application/fhir+json": break
            case "xml", "application/xml", "text/xml", "application/fhir+xml":
                throw .notAcceptable(
                    detail: "This server serves FHIR as JSON only; _format=\(APIError.quoted(format)).")
            default:
                throw .invalidParameter(name: "_format", value: format, allowed: "json, application/fhir+json")
            }
        }
        return try query.choice("_pretty", ["true", "false"]) == "true"
    }

    /// The query without parameters not in `allowed`, and those names (for lenient handling).
    static func partition(_ query: String?, allowed: [String]) -> (kept: String?, ignored: [String]) {
        guard let query, !query.isEmpty else { return (query, []) }
        var kept: [Substring] = []
        var ignored: [String] = []
        for pair in query.split(separator: "&") {
            let name = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)[0]
            let decoded = QueryParameters.decode(name) ?? String(name)
            if allowed.contains(decoded) { kept.append(pair) } else { ignored.append(decoded) }
        }
        return (kept.joined(separator: "&"), ignored)
    }

    /// A token search value: `system|code`, `|code` (no system) or `code` (any system).
    static func token(_ value: String, matches codes: [(system: String, code: String)]) -> Bool {
        guard let bar = value.firstIndex(of: "|") else { return codes.contains { $0.code == value } }
        let system = String(value[..<bar])
        let code = String(value[value.index(after: bar)...])
        return codes.contains { $0.code == code && $0.system == system }
    }

    static func link(_ relation: String, _ url: String) -> JSONValue {
        .object([("relation", .string(relation)), ("url", .string(url))])
    }

    static func outcome(severity: String, code: String, diagnostics: String) -> JSONValue {
        .object([
            ("resourceType", .string("OperationOutcome")),
            (
                "issue",
                .array([
                    .object([
                        ("severity", .string(severity)), ("code", .string(code)), ("diagnostics", .string(diagnostics)),
                    ])
                ])
            ),
        ])
    }
}

extension QueryParameters {
    /// A comma-separated list of values (FHIR's OR), or nil when the parameter is absent. An empty value
    /// is a 400: it would match nothing, and a client that sends one has a bug worth hearing about.
    func commaList(_ name: String) throws(APIError) -> [String]? {
        guard let value = self[name] else { return nil }
        let values = value.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        if values.contains(where: \.isEmpty) {
            throw .invalidParameter(name: name, value: value, allowed: "one or more comma-separated values, none empty")
        }
        return values
    }
}
