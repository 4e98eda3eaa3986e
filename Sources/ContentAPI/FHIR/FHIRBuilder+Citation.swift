import ContentModel
import HTTP1
import JSON

extension FHIRBuilder {
    /// A reference as a `Citation`: the corrected work where the fact check identified one, else the
    /// citation as given; identifiers only where confirmed.
    func citation(_ reference: Reference) -> FHIRView.Entry {
        typealias Citation = FHIR.Citation
        let work = reference.corrected ?? reference.citedAs
        var identifiers: [FHIR.Identifier] = []
        if let doi = work.doi {
            identifiers.append(FHIR.Identifier(type: .text("DOI"), system: "https://doi.org", value: doi))
        }
        if let pmid = work.pmid {
            identifiers.append(
                FHIR.Identifier(type: .text("PubMed ID"), system: "https://pubmed.ncbi.nlm.nih.gov", value: pmid))
        }
        // An abridged title (its full wording would repeat the source article's reference list) is a
        // short title, and says so; a whole one is the primary title.
        let titleType =
            work.titleAbridged
            ? FHIR.Coding(system: "http://hl7.org/fhir/title-type", code: "short-title", display: "Short title")
            : FHIR.Coding(system: "http://hl7.org/fhir/title-type", code: "primary", display: "Primary title")
        // "et al." is no contributor: it says the list is incomplete.
        let etAl = work.authors.filter { Self.isEtAl($0) }
        let authors = work.authors.filter { !Self.isEtAl($0) }
        let citation = Citation(
            header: header(
                "Citation", reference.id, source: "/v1/references/\(reference.id)",
                Narrative.generated([.heading(work.title), .paragraph(reference.verdictNote)])),
            status: "active", title: work.title, note: [FHIR.Annotation(text: reference.verdictNote)],
            citedArtifact: Citation.Artifact(
                title: [Citation.Title(type: [.coded(titleType)], text: work.title)],
                publicationForm: [
                    Citation.PublicationForm(
                        publishedIn: .init(title: work.container, publisher: work.publisher.map { .displayed($0) }),
                        publicationDateText: String(work.year), volume: work.volume, issue: work.issue,
                        pageString: work.pages)
                ],
                identifier: identifiers,
                contributorship: authors.isEmpty
                    ? nil
                    : Citation.Contributorship(
                        complete: etAl.isEmpty, entry: authors.map { .init(contributor: .displayed($0)) })))
        return FHIRView.Entry(id: reference.id, resource: citation.json, sources: reference.provenance)
    }

    private static func isEtAl(_ name: String) -> Bool {
        ["et al.", "et al"].contains(name.lowercased().trimmingOWS())
    }
}
