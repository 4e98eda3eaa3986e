extension ContentValidator {
    static let identifierSystems = [
        "http://www.whocc.no/atc", "http://fdasis.nlm.nih.gov", "http://www.nlm.nih.gov/research/umls/rxnorm",
    ]

    func checkAgents() {
        let file = "agents.json"
        checkIDs(library.agents.map(\.id), file: file) { "$.agents[\($0)]" }
        checkNamesUnique(file: file)
        for (index, agent) in library.agents.enumerated() {
            let path = "$.agents[\(index)]"
            if library.classesByID[agent.classID] == nil, !targetUnreadable("class") {
                report(file, "\(path).class", unknown("class", agent.classID, library.classes.map(\.id)))
            }
            checkFact(agent.mechanism, file: file, path: "\(path).mechanism")
            checkProducts(agent, file: file, path: path)
            checkTissueEffects(agent, file: file, path: path)
            checkIDs(agent.uses.map(\.id), file: file) { "\(path).uses[\($0)]" }
            for (useIndex, use) in agent.uses.enumerated() {
                checkFact(
                    Fact(text: use.description, provenance: use.provenance, notes: use.notes), file: file,
                    path: "\(path).uses[\(useIndex)]")
            }
            checkBoxedWarnings(agent, file: file, path: path)
            checkDosing(agent, file: file, path: path)
            let factLists = [
                ("contraindications", agent.contraindications), ("warnings", agent.warnings),
                ("pregnancyAndLactation", agent.pregnancyAndLactation), ("risks", agent.risks),
                ("monitoring", agent.monitoring),
            ]
            for (kind, facts) in factLists {
                for (factIndex, fact) in facts.enumerated() {
                    checkFact(fact, file: file, path: "\(path).\(kind)[\(factIndex)]")
                }
            }
            for (interactionIndex, interaction) in agent.interactions.enumerated() {
                checkFact(
                    Fact(text: interaction.text, provenance: interaction.provenance, notes: interaction.notes),
                    file: file, path: "\(path).interactions[\(interactionIndex)]")
            }
            let schedule = agent.schedule
            // An empty text is a schedule the schema check already reported missing.
            if !schedule.text.isEmpty {
                checkFact(
                    Fact(text: schedule.text, provenance: schedule.provenance, notes: schedule.notes), file: file,
                    path: "\(path).schedule")
            }
            if let isomers = agent.isomers {
                checkIDs(isomers.map(\.id), file: file) { "\(path).isomers[\($0)]" }
                for (isomerIndex, isomer) in isomers.enumerated() {
                    checkFact(
                        Fact(text: isomer.description, provenance: isomer.provenance, notes: isomer.notes),
                        file: file, path: "\(path).isomers[\(isomerIndex)]")
                }
            }
            checkIdentifiers(agent, file: file, path: path)
            checkRefs(
                agent.glossaryTerms, in: library.glossaryByID, kind: "glossary term", file: file,
                path: "\(path).glossaryTerms")
            checkRefs(
                agent.references, in: library.referencesByID, kind: "reference", file: file, path: "\(path).references")
            checkNotes(agent.notes, file: file, path: path)
        }
    }

    /// Every name `/v1/agents/{name}` answers to (id, name, alias, brand name; case-insensitive) names one
    /// agent: otherwise the first agent listed would silently shadow the other. Ids are taken first, so
    /// the name that collides with an id is the one reported.
    private func checkNamesUnique(file: String) {
        var owner: [String: (agent: String, role: String)] = [:]
        for agent in library.agents where owner[agent.id.lowercased()] == nil {
            owner[agent.id.lowercased()] = (agent.id, "id")
        }
        for (index, agent) in library.agents.enumerated() {
            let path = "$.agents[\(index)]"
            let names =
                [("name", agent.name, "\(path).name")]
                + agent.aliases.enumerated().map { ("alias", $1, "\(path).aliases[\($0)]") }
                + agent.brandNames.enumerated().map { ("brand name", $1.name, "\(path).brandNames[\($0)].name") }
            for (role, name, namePath) in names {
                let key = name.lowercased()
                guard let first = owner[key] else {
                    owner[key] = (agent.id, role)
                    continue
                }
                guard first.agent != agent.id else { continue }
                let message =
                    role == "brand name" && first.role == "brand name"
                    ? "brand name '\(name)' is already a brand name of '\(first.agent)'"
                    : "\(role) '\(name)' already names agent '\(first.agent)' (its \(first.role))"
                report(file, namePath, message)
            }
        }
    }

    private func checkProducts(_ agent: Agent, file: String, path: String) {
        for (brandIndex, brand) in agent.brandNames.enumerated() {
            checkFact(
                Fact(text: brand.name, provenance: brand.provenance, notes: brand.notes), file: file,
                path: "\(path).brandNames[\(brandIndex)]")
        }
        let brands = agent.brandNames.map(\.name)
        for (productIndex, product) in agent.products.enumerated() {
            let productPath = "\(path).products[\(productIndex)]"
            if let brand = product.brand, !brands.contains(brand) {
                report(
                    file, "\(productPath).brand",
                    "'\(brand)' is not one of the agent's brand names"
                        + (brands.isEmpty ? " (it has none)" : ": \(brands.joined(separator: ", "))"))
            }
            checkFact(
                Fact(text: product.name, provenance: product.provenance, notes: product.notes), file: file,
                path: productPath)
        }
    }

    private func checkTissueEffects(_ agent: Agent, file: String, path: String) {
        for (effectIndex, effect) in agent.tissueEffects.enumerated() {
            let effectPath = "\(path).tissueEffects[\(effectIndex)]"
            if library.tissuesByID[effect.tissue] == nil, !targetUnreadable("tissue") {
                report(file, "\(effectPath).tissue", unknown("tissue", effect.tissue, library.tissues.map(\.id)))
            }
            if (effect.effect == .notApplicable) != (effect.receptor == .none) {
                report(
                    file, effectPath,
                    "effect 'not-applicable' goes with receptor 'none', and only with it "
                        + "(found effect '\(effect.effect.rawValue)', receptor '\(effect.receptor.rawValue)')")
            }
            checkFact(
                Fact(text: effect.note, provenance: effect.provenance, notes: effect.notes), file: file,
                path: effectPath)
        }
        let tissues = agent.tissueEffects.map(\.tissue)
        if Set(tissues).count != tissues.count {
            report(file, "\(path).tissueEffects", "a tissue is listed more than once")
        }
    }

    /// A boxed warning belongs to one product label at one date and names its topics and a source.
    private func checkBoxedWarnings(_ agent: Agent, file: String, path: String) {
        for (warningIndex, warning) in agent.boxedWarnings.enumerated() {
            let warningPath = "\(path).boxedWarnings[\(warningIndex)]"
            if warning.topics.isEmpty { report(file, "\(warningPath).topics", "a boxed warning names its topics") }
            if warning.provenance.isEmpty {
                report(file, "\(warningPath).provenance", "a boxed warning names the label it is read from")
            }
            checkFact(
                Fact(text: warning.text, provenance: warning.provenance, notes: warning.notes), file: file,
                path: warningPath)
        }
    }

    /// A label dose says which indication it is for and names the labelled uses it doses; a source claim
    /// is never served without a note.
    private func checkDosing(_ agent: Agent, file: String, path: String) {
        let onLabel = Set(agent.uses.filter { $0.labelStatus == .onLabel }.map(\.id))
        let useIDs = agent.uses.map(\.id)
        for (doseIndex, dosing) in agent.dosing.enumerated() {
            let dosePath = "\(path).dosing[\(doseIndex)]"
            for (useIndex, use) in dosing.uses.enumerated() {
                if !useIDs.contains(use) {
                    report(
                        file, "\(dosePath).uses[\(useIndex)]",
                        unknown("use", use, useIDs, of: " of agent '\(agent.id)'"))
                } else if dosing.basis == .label, !onLabel.contains(use) {
                    report(
                        file, "\(dosePath).uses[\(useIndex)]", "a label dose is for an on-label use: '\(use)' is not")
                }
            }
            switch dosing.basis {
            case .label:
                if dosing.indication == nil {
                    report(file, "\(dosePath).indication", "a label dose names the indication it is for")
                }
                if dosing.provenance.isEmpty {
                    report(file, "\(dosePath).provenance", "a label dose names the label it is read from")
                }
            case .sourceClaim:
                if dosing.notes.isEmpty {
                    report(
                        file, "\(dosePath).notes",
                        "a source-claim dose needs an editorial note (it is never served as a dose to follow)")
                }
            }
            checkFact(
                Fact(text: dosing.description, provenance: dosing.provenance, notes: dosing.notes), file: file,
                path: dosePath)
            for (name, quantity) in [
                ("concentration", dosing.concentration), ("volume", dosing.volume), ("dose", dosing.dose),
            ] {
                if let quantity, quantity.min > quantity.max || quantity.min < 0 {
                    report(file, "\(dosePath).\(name)", "min must be between 0 and max")
                }
            }
        }
    }

    private func checkIdentifiers(_ agent: Agent, file: String, path: String) {
        for (identifierIndex, identifier) in agent.identifiers.enumerated() {
            let identifierPath = "\(path).identifiers[\(identifierIndex)]"
            checkAllowed(identifier.system, Self.identifierSystems, file: file, path: "\(identifierPath).system")
            checkAllowed(
                identifier.refersTo, ["parent", "salt", "ester"], file: file, path: "\(identifierPath).refersTo")
            if !targetUnreadable("source"), library.sourcesByID[identifier.source] == nil {
                report(
                    file, "\(identifierPath).source",
                    unknown("source", identifier.source, Array(library.sourcesByID.keys)))
            }
        }
        // The class holds the agent's ATC code: `L02BA` is the class of `L02BA01`.
        let atc = agent.identifiers.filter { $0.system == "http://www.whocc.no/atc" }.map(\.code)
        if let code = atc.first, !code.hasPrefix(agent.atcClass.code) {
            report(
                file, "\(path).atcClass.code",
                "'\(agent.atcClass.code)' is not the ATC class of the agent's code '\(code)' (its first five characters)"
            )
        }
        if !targetUnreadable("source"), library.sourcesByID[agent.atcClass.source] == nil {
            report(
                file, "\(path).atcClass.source",
                unknown("source", agent.atcClass.source, Array(library.sourcesByID.keys)))
        }
    }
}
