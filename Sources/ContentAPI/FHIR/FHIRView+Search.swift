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
    /// `_totalMethod` is Aidbox's name for `_total`, which fhirpy's `count()` sends.
    static let resultParameters = [
        "_id", "_count", "_offset", "_summary", "_total", "_totalMethod", "_format", "_pretty",
    ]

    static func searchParameters(_ type: ResourceType) -> [String] {
        switch type {
        case .medicationKnowledge: resultParameters + ["code"]
        case .clinicalUseDefinition: resultParameters + ["subject", "type"]
        case .citation: resultParameters
        case .provenance: resultParameters + ["target"]
        }
    }

    /// The search parameters a client may repeat: each occurrence must match (AND).
    static let repeatable: Set<String> = ["_id", "code", "subject", "type", "target"]

    static let clinicalUseTypes = ["indication", "contraindication", "warning", "interaction", "undesirable-effect"]
    /// The code system of `ClinicalUseDefinition.type` (R5, required binding).
    static let clinicalUseTypeSystem = "http://hl7.org/fhir/clinical-use-definition-type"

    /// `GET /fhir/{type}?…`: a `searchset` Bundle with the true total, absolute `fullUrl`s, and
    /// `self`/`next` links that page with `_offset`.
    func search(_ type: ResourceType, _ request: FHIRRequest) throws(APIError) -> Body {
        let query = try FHIRQuery(
            request.query, allowed: Self.searchParameters(type), repeatable: Self.repeatable,
            lenient: request.lenient)
        let pretty = try Self.format(query)
        let count = try query.integer("_count", capped: 0...Self.maximumCount, default: 20)
        let offset = try query.integer("_offset", in: 0...1_000_000, default: 0)
        let summaryOnly = try query.choice("_summary", ["count", "false"]) == "count"
        // The total is always counted exactly, whatever `_total` (or `_totalMethod`) asks for.
        _ = try query.choice("_total", ["none", "estimate", "accurate"])
        _ = try query.choice("_totalMethod", ["none", "estimate", "accurate", "count"])

        var matches = entries[type] ?? []
        for ids in try query.alternatives("_id") ?? [] { matches = matches.filter { ids.contains($0.id) } }
        for tokens in try query.alternatives("code") ?? [] {
            matches = matches.filter { entry in tokens.contains { Self.token($0, matches: entry.codes) } }
        }
        for subjects in try query.alternatives("subject") ?? [] {
            let wanted = subjects.map { subject(named: $0, origin: request.origin) }
            matches = matches.filter { wanted.contains($0.subject ?? "") }
        }
        for targets in try query.alternatives("target") ?? [] {
            let wanted = targets.map { reference(named: $0, origin: request.origin) }
            matches = matches.filter { entry in
                wanted.contains {
                    $0 == entry.subject || (!$0.contains("/") && entry.subject?.hasSuffix("/" + $0) == true)
                }
            }
        }
        for types in try query.alternatives("type") ?? [] {
            var codes: [String] = []
            for value in types { if let code = try Self.clinicalUseType(value) { codes.append(code) } }
            matches = matches.filter { codes.contains($0.type ?? "") }
        }

        let base = request.origin + basePath + "/fhir/" + type.rawValue
        // Links say what was returned: a `_count` above the maximum reads as the maximum.
        let linked = query.setting("_pretty", nil).setting("_count", query["_count"].map { _ in String(count) })
        func url(offset: Int) -> String {
            let parameters = linked.setting("_offset", offset == 0 ? nil : String(offset))
            return base + (parameters.canonical.isEmpty ? "" : "?" + parameters.canonical)
        }
        var links = [FHIR.Bundle.Link(relation: "self", url: url(offset: offset))]
        let page = summaryOnly ? [] : Array(matches.dropFirst(offset).prefix(count))
        if !summaryOnly, count > 0, offset + count < matches.count {
            links.append(FHIR.Bundle.Link(relation: "next", url: url(offset: offset + count)))
        }
        let bundle = FHIR.Bundle(
            total: matches.count, link: links,
            entry: page.map { FHIR.Bundle.Entry(fullUrl: base + "/" + $0.id, resource: $0.resource) },
            issues: query.ignored.isEmpty
                ? nil
                : FHIR.OperationOutcome(
                    severity: "warning", code: "not-supported",
                    diagnostics: "Ignored unknown search parameters (Prefer: handling=lenient): "
                        + query.ignored.map { APIError.quoted($0) }.joined(separator: ", ") + "."))
        return .fhir(bundle.json, pretty: pretty)
    }

    /// The most entries one page holds; a larger `_count` is served as this.
    static let maximumCount = 100

    /// A `subject` value as the reference it names: `MedicationKnowledge/{id}`, `{id}`, or an absolute
    /// URL of this server (`{origin}{base}/fhir/MedicationKnowledge/{id}`).
    func subject(named value: String, origin: String) -> String {
        let relative = reference(named: value, origin: origin)
        return relative.contains("/") ? relative : "MedicationKnowledge/\(relative)"
    }

    /// A reference value relative to this server's base: `Type/{id}` (or a bare id) as given, and this
    /// server's absolute URL of one without its origin and base.
    func reference(named value: String, origin: String) -> String {
        let absolute = origin + basePath + "/fhir/"
        return value.hasPrefix(absolute) ? String(value.dropFirst(absolute.count)) : value
    }

    /// A `type` token: `code`, or `system|code` in the clinical-use-definition-type system (another
    /// system, or none, names no type here: nil). An unknown code is a 400 naming the known ones.
    static func clinicalUseType(_ value: String) throws(APIError) -> String? {
        var code = value
        if let bar = value.firstIndex(of: "|") {
            guard value[..<bar] == clinicalUseTypeSystem else { return nil }
            code = String(value[value.index(after: bar)...])
        }
        guard clinicalUseTypes.contains(code) else {
            throw .invalidParameter(name: "type", value: value, allowed: .oneOf(clinicalUseTypes))
        }
        return code
    }

    /// Reads `_format` and `_pretty`. JSON only: any other format (XML, Turtle, HTML) is 406.
    static func format(_ query: FHIRQuery) throws(APIError) -> Bool {
        if let format = query["_format"], !jsonFormats.contains(format.lowercased()) {
            throw .notAcceptable(
                detail: "This server serves FHIR as JSON only (_format json or application/fhir+json); "
                    + "_format=\(APIError.quoted(format)).")
        }
        return try query.choice("_pretty", ["true", "false"]) == "true"
    }

    /// The `_format` values that ask for JSON (R5 §3.2.0.9: a short name or a MIME type).
    static let jsonFormats: Set<String> = ["json", "application/json", "application/fhir+json"]

    /// A token search value: `system|code`, `system|` (any code of the system), `|code` (a code with no
    /// system, which no code here is) or `code` (any system).
    static func token(_ value: String, matches codes: [(system: String, code: String)]) -> Bool {
        guard let bar = value.firstIndex(of: "|") else { return codes.contains { $0.code == value } }
        let system = String(value[..<bar])
        let code = String(value[value.index(after: bar)...])
        return codes.contains { $0.system == system && (code.isEmpty ? !system.isEmpty : $0.code == code) }
    }
}
