import ContentModel
import JSON

extension FHIRBuilder {
    /// A reference as a `Citation`: the corrected work where the fact check identified one, else the
    /// citation as given; identifiers only where confirmed.
    func citation(_ reference: Reference) -> FHIRView.Entry {
        let work = reference.corrected ?? reference.citedAs
        var identifiers: [JSONValue] = []
        if let doi = work.doi {
            identifiers.append(.object([("system", .string("https://doi.org")), ("value", .string(doi))]))
        }
        if let pmid = work.pmid {
            identifiers.append(
                .object([("system", .string("https://pubmed.ncbi.nlm.nih.gov")), ("value", .string(pmid))]))
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
        var artifact: [(String, JSONValue)] = [
            ("title", .array([.object([("text", .string(work.title))])])),
            ("publicationForm", .array([.object(form)])),
        ]
        if !identifiers.isEmpty { artifact.append(("identifier", .array(identifiers))) }
        if !work.authors.isEmpty {
            artifact.append(
                (
                    "contributorship",
                    .object([("entry", .array(work.authors.map { .object([("contributor", Self.displayed($0))]) }))])
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
        return FHIRView.Entry(id: reference.id, resource: resource)
    }

    private static func displayed(_ name: String) -> JSONValue { .object([("display", .string(name))]) }
}
