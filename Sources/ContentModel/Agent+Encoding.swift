// Optional fields of these records are encoded as explicit nulls: in the API, null means "the source
// says nothing" or "does not apply", and a client can rely on every key being present. (Synthesised
// encoding would leave nil fields out.)

extension Product {
    enum CodingKeys: String, CodingKey { case name, brand, form, route, strengths, labeller, provenance, notes }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(name, forKey: .name)
        try container.encode(brand, forKey: .brand)
        try container.encode(form, forKey: .form)
        try container.encode(route, forKey: .route)
        try container.encode(strengths, forKey: .strengths)
        try container.encode(labeller, forKey: .labeller)
        try container.encode(provenance, forKey: .provenance)
        try container.encode(notes, forKey: .notes)
    }
}

extension Dosing {
    enum CodingKeys: String, CodingKey {
        case basis, indication, product, population, route, description, concentration, volume, dose, frequency
        case duration, provenance, notes
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(basis, forKey: .basis)
        try container.encode(indication, forKey: .indication)
        try container.encode(product, forKey: .product)
        try container.encode(population, forKey: .population)
        try container.encode(route, forKey: .route)
        try container.encode(description, forKey: .description)
        try container.encode(concentration, forKey: .concentration)
        try container.encode(volume, forKey: .volume)
        try container.encode(dose, forKey: .dose)
        try container.encode(frequency, forKey: .frequency)
        try container.encode(duration, forKey: .duration)
        try container.encode(provenance, forKey: .provenance)
        try container.encode(notes, forKey: .notes)
    }
}

extension BoxedWarning {
    enum CodingKeys: String, CodingKey { case product, topics, text, setting, status, date, provenance, notes }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(product, forKey: .product)
        try container.encode(topics, forKey: .topics)
        try container.encode(text, forKey: .text)
        try container.encode(setting, forKey: .setting)
        try container.encode(status, forKey: .status)
        try container.encode(date, forKey: .date)
        try container.encode(provenance, forKey: .provenance)
        try container.encode(notes, forKey: .notes)
    }
}

extension Identifier {
    enum CodingKeys: String, CodingKey { case system, code, refersTo, source, verified, note }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(system, forKey: .system)
        try container.encode(code, forKey: .code)
        try container.encode(refersTo, forKey: .refersTo)
        try container.encode(source, forKey: .source)
        try container.encode(verified, forKey: .verified)
        try container.encode(note, forKey: .note)
    }
}

extension Source {
    enum CodingKeys: String, CodingKey {
        case id, kind, title, publisher, products, date, urls, quality, document, reference, note
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(id, forKey: .id)
        try container.encode(kind, forKey: .kind)
        try container.encode(title, forKey: .title)
        try container.encode(publisher, forKey: .publisher)
        try container.encode(products, forKey: .products)
        try container.encode(date, forKey: .date)
        try container.encode(urls, forKey: .urls)
        try container.encode(quality, forKey: .quality)
        try container.encode(document, forKey: .document)
        try container.encode(reference, forKey: .reference)
        try container.encode(note, forKey: .note)
    }
}
