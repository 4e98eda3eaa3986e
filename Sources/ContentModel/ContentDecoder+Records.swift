extension ContentDecoder {
    func agent(_ value: JSONValue, at path: String) -> Agent? {
        return reader.record(value, at: path) { object in
            Agent(
                id: object.string("id"), name: object.string("name"), classID: object.string("class"),
                aliases: object.strings("aliases"), brandNames: object.array("brandNames", brandName).compactMap { $0 },
                products: object.array("products", product).compactMap { $0 },
                summary: object.string("summary"),
                mechanism: object.value("mechanism").flatMap { fact($0, at: "\(path).mechanism") }
                    ?? missing(object, "mechanism", Fact(text: "", provenance: [], notes: [])),
                tissueEffects: object.array("tissueEffects", tissueEffect).compactMap { $0 },
                uses: object.array("uses", use).compactMap { $0 },
                boxedWarnings: object.array("boxedWarnings", boxedWarning).compactMap { $0 },
                contraindications: facts(object, "contraindications"), warnings: facts(object, "warnings"),
                interactions: object.array("interactions", interaction).compactMap { $0 },
                schedule: object.value("schedule").flatMap { schedule($0, at: "\(path).schedule") }
                    ?? missing(object, "schedule", Schedule(code: .notControlled, text: "", provenance: [], notes: [])),
                pregnancyAndLactation: facts(object, "pregnancyAndLactation"),
                dosing: object.array("dosing", dosing).compactMap { $0 },
                risks: facts(object, "risks"), monitoring: facts(object, "monitoring"),
                isomers: object.optionalArray("isomers", isomer)?.compactMap { $0 },
                identifiers: object.array("identifiers", identifier).compactMap { $0 },
                glossaryTerms: object.strings("glossaryTerms"), references: object.strings("references"),
                notes: object.strings("notes"))
        }
    }

    private func missing<T>(_ object: JSONReader.Object, _ key: String, _ fallback: T) -> T {
        if object.value(key) == nil { reader.problem(object.path, "missing field '\(key)'") }
        return fallback
    }

    private func brandName(_ value: JSONValue, at path: String) -> BrandName? {
        reader.record(value, at: path) { object in
            BrandName(
                name: object.string("name"), status: enumeration(object, "status", fallback: MarketStatus.unknown),
                provenance: provenance(object), notes: object.strings("notes"))
        }
    }

    private func product(_ value: JSONValue, at path: String) -> Product? {
        return reader.record(value, at: path) {
            Product(
                name: $0.string("name"), brand: $0.optionalString("brand"), form: $0.string("form"),
                route: $0.string("route"), strengths: $0.strings("strengths"), labeller: $0.optionalString("labeller"),
                provenance: provenance($0), notes: $0.strings("notes"))
        }
    }

    private func tissueEffect(_ value: JSONValue, at path: String) -> TissueEffect? {
        reader.record(value, at: path) {
            object in
            let effect = enumeration(object, "effect", fallback: Effect.neutral)
            // The fallback agrees with the effect, so that a missing receptor is reported once.
            let receptor = enumeration(
                object, "receptor", fallback: effect == .notApplicable ? Receptor.none : .estrogenReceptor)
            return TissueEffect(
                tissue: object.string("tissue"), effect: effect, receptor: receptor,
                note: object.string("note"), provenance: provenance(object), notes: object.strings("notes"))
        }
    }

    private func use(_ value: JSONValue, at path: String) -> Use? {
        reader.record(value, at: path) {
            object in
            Use(
                description: object.string("description"), population: object.string("population"),
                labelStatus: enumeration(object, "labelStatus", fallback: LabelStatus.notApproved),
                provenance: provenance(object), notes: object.strings("notes"))
        }
    }

    private func boxedWarning(_ value: JSONValue, at path: String) -> BoxedWarning? {
        return reader.record(value, at: path) { object in
            BoxedWarning(
                product: object.string("product"), topics: object.strings("topics"), text: object.string("text"),
                setting: object.optionalString("setting"),
                status: enumeration(object, "status", fallback: WarningStatus.current), date: object.string("date"),
                provenance: provenance(object), notes: object.strings("notes"))
        }
    }

    private func interaction(_ value: JSONValue, at path: String) -> Interaction? {
        reader.record(value, at: path) {
            Interaction(
                interactant: $0.string("interactant"), text: $0.string("text"), provenance: provenance($0),
                notes: $0.strings("notes"))
        }
    }

    private func schedule(_ value: JSONValue, at path: String) -> Schedule? {
        reader.record(value, at: path) { object in
            Schedule(
                code: enumeration(object, "code", fallback: ScheduleCode.notControlled), text: object.string("text"),
                provenance: provenance(object), notes: object.strings("notes"))
        }
    }

    private func dosing(_ value: JSONValue, at path: String) -> Dosing? {
        return reader.record(value, at: path) { object in
            Dosing(
                basis: enumeration(object, "basis", fallback: DosingBasis.sourceClaim),
                indication: object.optionalString("indication"), product: object.optionalString("product"),
                population: object.string("population"), route: object.string("route"),
                description: object.string("description"), concentration: quantity(object, "concentration"),
                volume: quantity(object, "volume"), dose: quantity(object, "dose"),
                frequency: object.optionalString("frequency"), duration: object.optionalString("duration"),
                provenance: provenance(object), notes: object.strings("notes"))
        }
    }

    private func isomer(_ value: JSONValue, at path: String) -> Isomer? {
        reader.record(value, at: path) {
            Isomer(
                id: $0.string("id"), name: $0.string("name"), geometry: $0.string("geometry"),
                description: $0.string("description"), provenance: provenance($0), notes: $0.strings("notes"))
        }
    }

    private func identifier(_ value: JSONValue, at path: String) -> Identifier? {
        reader.record(value, at: path) {
            Identifier(
                system: $0.string("system"), code: $0.string("code"), refersTo: $0.string("refersTo"),
                source: $0.string("source"), verified: $0.bool("verified"), note: $0.optionalString("note"))
        }
    }

    func agentClass(_ value: JSONValue, at path: String) -> AgentClass? {
        reader.record(value, at: path) {
            AgentClass(
                id: $0.string("id"), name: $0.string("name"), description: $0.string("description"),
                kind: $0.string("kind"))
        }
    }

    func tissue(_ value: JSONValue, at path: String) -> Tissue? {
        reader.record(value, at: path) {
            Tissue(id: $0.string("id"), name: $0.string("name"), description: $0.string("description"))
        }
    }

    func comparison(_ value: JSONValue, at path: String) -> Comparison? {
        reader.record(value, at: path) {
            object in
            Comparison(
                id: object.string("id"), title: object.string("title"), description: object.string("description"),
                provenance: provenance(object),
                columns: object.array("columns") { value, path in
                    reader.record(value, at: path) {
                        Comparison.Column(id: $0.string("id"), title: $0.string("title"))
                    }
                }.compactMap { $0 },
                rows: object.array("rows") { value, path in
                    reader.record(value, at: path) { row in
                        Comparison.Row(
                            id: row.string("id"), label: row.string("label"),
                            cells: row.array("cells") { value, path in
                                reader.record(value, at: path) {
                                    Comparison.Cell(
                                        column: $0.string("column"), text: $0.string("text"),
                                        notes: $0.strings("notes"))
                                }
                            }.compactMap { $0 })
                    }
                }.compactMap { $0 })
        }
    }

    func glossaryEntry(_ value: JSONValue, at path: String) -> GlossaryEntry? {
        return reader.record(value, at: path) {
            GlossaryEntry(
                id: $0.string("id"), term: $0.string("term"), sourceTerm: $0.string("sourceTerm"),
                definition: $0.string("definition"), definitionOrigin: $0.string("definitionOrigin"),
                related: $0.strings("related"), nearDuplicates: $0.strings("nearDuplicates"),
                agents: $0.strings("agents"), provenance: provenance($0), notes: $0.strings("notes"))
        }
    }

    func reference(_ value: JSONValue, at path: String) -> Reference? {
        return reader.record(value, at: path) { object in
            Reference(
                id: object.string("id"),
                citedAs: object.value("citedAs").flatMap { citation($0, at: "\(object.path).citedAs") }
                    ?? missing(object, "citedAs", Citation.empty),
                verdict: object.string("verdict"),
                verdictNote: object.string("verdictNote"),
                corrected: object.value("corrected").flatMap { value in
                    if case .null = value { return nil }
                    return citation(value, at: "\(object.path).corrected")
                } ?? missing(object, "corrected", nil),
                related: object.array("related", citation).compactMap { $0 }, provenance: provenance(object))
        }
    }

    private func citation(_ value: JSONValue, at path: String) -> Citation? {
        return reader.record(value, at: path) {
            Citation(
                authors: $0.strings("authors"), title: $0.string("title"), titleAbridged: $0.bool("titleAbridged"),
                container: $0.string("container"),
                year: year($0), volume: $0.optionalString("volume"),
                issue: $0.optionalString("issue"), pages: $0.optionalString("pages"),
                publisher: $0.optionalString("publisher"), edition: $0.optionalString("edition"),
                doi: $0.optionalString("doi"), pmid: $0.optionalString("pmid"))
        }
    }

    func source(_ value: JSONValue, at path: String) -> Source? {
        return reader.record(value, at: path) { object in
            Source(
                id: object.string("id"), kind: enumeration(object, "kind", fallback: SourceKind.secondary),
                title: object.string("title"), publisher: object.optionalString("publisher"),
                products: object.strings("products"), date: object.optionalString("date"), urls: object.strings("urls"),
                quality: enumeration(object, "quality", fallback: SourceQuality.unverified),
                document: object.optionalString("document"), reference: object.optionalString("reference"),
                note: object.optionalString("note"))
        }
    }

    /// A year is a whole number from 1 to 9999.
    private func year(_ object: JSONReader.Object) -> Int {
        guard let number = object.number("year") else { return 0 }
        guard number.rounded() == number, (1...9999).contains(number) else {
            reader.problem("\(object.path).year", "'\(number)' is not a year (a whole number from 1 to 9999)")
            return 0
        }
        return Int(number)
    }

    func note(_ value: JSONValue, at path: String) -> EditorialNote? {
        reader.record(value, at: path) {
            EditorialNote(
                id: $0.string("id"), claim: $0.optionalString("claim"), verdict: $0.string("verdict"),
                text: $0.string("text"))
        }
    }
}
