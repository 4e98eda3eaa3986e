import ContentModel
import HTTP1
import JSON

extension FHIRBuilder {
    /// A reference as a `Citation`: the corrected work where the fact check identified one, else the
    /// citation as given; identifiers only where confirmed.
    func citation(_ reference: Reference) -> FHIRView.Entry {
        let work = reference.corrected ?? reference.citedAs
        var identifiers: [JSONValue] = []
        if let doi = work.doi {
            identifiers.append(
                .object([("type", Self.text("DOI")), ("system", .string("https://doi.org")), ("value", .string(doi))]))
        }
        if let pmid = work.pmid {
            identifiers.append(
                .object([
                    ("type", Self.text("PubMed ID")), ("system", .string("https://pubmed.ncbi.nlm.nih.gov")),
                    ("value", .string(pmid)),
                ]))
        }
        var form: [(String, JSONValue)] = [
            (
                "publishedIn",
                .object(
                    [("title", .string(work.container))]
                        + (work.publisher.map { [("publisher", Self.displayed($0))] } ?? []))
            ),
            ("publicationDateText", .string(String(work.year))),
        ]
        if let volume = work.volume { form.append(("volume", .string(volume))) }
        if let issue = work.issue { form.append(("issue", .string(issue))) }
        if let pages = work.pages { form.append(("pageString", .string(pages))) }
        // An abridged title (its full wording would repeat the source article's reference list) is a
        // short title, and says so; a whole one is the primary title.
        let titleType = work.titleAbridged ? ("short-title", "Short title") : ("primary", "Primary title")
        var artifact: [(String, JSONValue)] = [
            (
                "title",
                .array([
                    .object([
                        (
                            "type",
                            .array([
                                .object([
                                    (
                                        "coding",
                                        .array([
                                            .object([
                                                ("system", .string("http://hl7.org/fhir/title-type")),
                                                ("code", .string(titleType.0)), ("display", .string(titleType.1)),
                                            ])
                                        ])
                                    )
                                ])
                            ])
                        ),
                        ("text", .string(work.title)),
                    ])
                ])
            ),
            ("publicationForm", .array([.object(form)])),
        ]
        if !identifiers.isEmpty { artifact.append(("identifier", .array(identifiers))) }
        // "et al." is no contributor: it says the list is incomplete.
        let etAl = work.authors.filter { Self.isEtAl($0) }
        let authors = work.authors.filter { !Self.isEtAl($0) }
        if !authors.isEmpty {
            artifact.append(
                (
                    "contributorship",
                    .object([
                        ("complete", .bool(etAl.isEmpty)),
                        ("entry", .array(authors.map { .object([("contributor", Self.displayed($0))]) })),
                    ])
                ))
        }
        let resource = JSONValue.object([
            ("resourceType", .string("Citation")), ("id", .string(reference.id)),
            ("meta", meta(source: "/v1/references/\(reference.id)")),
            ("text", Narrative.generated([.heading(work.title), .paragraph(reference.verdictNote)])),
            ("status", .string("active")), ("title", .string(work.title)),
            ("note", .array([.object([("text", .string(reference.verdictNote))])])),
            ("citedArtifact", .object(artifact)),
        ])
        return FHIRView.Entry(id: reference.id, resource: resource, sources: reference.provenance)
    }

    private static func displayed(_ name: String) -> JSONValue { .object([("display", .string(name))]) }

    private static func isEtAl(_ name: String) -> Bool {
        ["et al.", "et al"].contains(name.lowercased().trimmingOWS())
    }
}
