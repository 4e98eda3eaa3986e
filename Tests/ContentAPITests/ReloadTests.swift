import ContentModel
import Foundation
import HTTP1
import Testing

@testable import ContentAPI

@Suite("A reload never serves answers computed from the old content")
struct ReloadTests {
    /// The bundled content with one glossary definition changed.
    private func editedLibrary(definition: String) throws -> Library {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("reload-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        try FileManager.default.copyItem(at: API.root.appendingPathComponent("Resources"), to: directory)
        let file = directory.appendingPathComponent("glossary.json")
        var text = try String(contentsOf: file, encoding: .utf8)
        let old = try #require(API.library.glossaryByID["hpg-axis"]?.definition)
        text = text.replacingOccurrences(of: old, with: definition)
        try text.write(to: file, atomically: true, encoding: .utf8)
        return try ContentLoader.load(directory: directory.path)
    }

    @Test("Last-Modified moves forward when an edit changes the content, so If-Modified-Since revalidates")
    func lastModifiedMovesForward() throws {
        let before = try API.request("/v1/glossary/hpg-axis")
        let modified = try #require(before.headers["Last-Modified"])
        let edited = try editedLibrary(definition: "The hypothalamus, pituitary and gonads, linked by feedback.")
        let responder = APIResponder(snapshot: try ContentSnapshot(library: edited, openAPI: nil, loadedAt: 1))
        let after = try API.request(
            "/v1/glossary/hpg-axis", headers: [("If-Modified-Since", modified)], responder: responder)
        #expect(after.status == .ok, "changed content must not be 304")
        let newer = try #require(after.headers["Last-Modified"])
        #expect(newer != modified || edited.newestFileTime <= 1_796_515_200)  // the last review, 2026-12-06
    }

    @Test("a loop lets go of a replaced snapshot at its tick, without a request")
    func idleLoopReleasesTheOldSnapshot() throws {
        var options = APIResponder.Options()
        options.eventLoops = 2
        weak var old: ContentSnapshot?
        let responder = try {
            let first = try ContentSnapshot(library: API.library, openAPI: nil, loadedAt: 0, eventLoops: 2)
            old = first
            return APIResponder(snapshot: first, options: options)
        }()
        responder.replace(try ContentSnapshot(library: API.library, openAPI: nil, loadedAt: 1, eventLoops: 2))
        responder.refresh(loop: 0)
        #expect(old != nil, "loop 1 has not looked since: its copy still holds the old snapshot")
        responder.refresh(loop: 1)
        #expect(old == nil)
        #expect(responder.snapshot?.loadedAt == 1)
    }

    @Test("behind a base path, the spec's servers entry names it")
    func specServers() throws {
        let spec = try #require(API.spec)
        let served = try ContentSnapshot(library: API.library, basePath: "/api", openAPI: spec, loadedAt: 0)
        var options = APIResponder.Options()
        options.basePath = "/api"
        let body = try API.request("/api/openapi.yaml", responder: APIResponder(snapshot: served, options: options))
            .text
        #expect(body.contains("servers:\n  - url: /api\n"))
        #expect(!body.contains("localhost:8080"))
    }

    @Test("a query answered before the reload is computed again from the new content, on every loop")
    func queryCacheBelongsToTheSnapshot() throws {
        var options = APIResponder.Options()
        options.eventLoops = 2
        let responder = APIResponder(
            snapshot: try ContentSnapshot(library: API.library, openAPI: nil, loadedAt: 0, eventLoops: 2),
            options: options)
        let target = "/v1/glossary/hpg-axis?fields=definition"
        for loop in [0, 1, 0, 1] {  // twice each: the repeats come from the loops' own caches
            let before = try API.json(try API.request(target, responder: responder, loop: loop))
            #expect(before["definition"] as? String == API.library.glossaryByID["hpg-axis"]?.definition)
        }

        let old = try #require(responder.snapshot)
        let changed = "The hypothalamus, pituitary and gonads, which regulate one another by feedback."
        responder.replace(
            try ContentSnapshot(
                library: try editedLibrary(definition: changed), openAPI: nil, loadedAt: 1, eventLoops: 2))
        for loop in [0, 1] {
            let after = try API.json(try API.request(target, responder: responder, loop: loop))
            #expect(after["definition"] as? String == changed)
        }

        // A request still running on the old snapshot finishes there: it cannot fill the new one's cache.
        let late = APIResponder(snapshot: old)
        _ = try API.request("/v1/glossary/hpg-axis?fields=term,definition", responder: late)
        let fresh = try API.json(try API.request("/v1/glossary/hpg-axis?fields=term,definition", responder: responder))
        #expect(fresh["definition"] as? String == changed)
    }

    @Test("a path that fails to render refuses the new snapshot, naming the path, and the old one keeps serving")
    func renderFailureRefusesReload() throws {
        let responder = APIResponder(snapshot: try ContentSnapshot(library: API.library, openAPI: nil, loadedAt: 0))
        do {
            let refused = try ContentSnapshot(
                library: API.library, openAPI: nil, loadedAt: 1,
                render: { handler, service, request throws(APIError) in
                    if request["term"] == "hpg-axis" {
                        throw .notFound(kind: "glossary term", id: "hpg-axis", suggestions: [])
                    }
                    return try handler(service, request)
                })
            responder.replace(refused)
            Issue.record("content with a path that does not render was accepted")
        } catch {
            #expect(error.problems.map(\.path) == ["/v1/glossary/hpg-axis"], "\(error)")
            #expect(error.problems.first?.message.hasPrefix("does not render") == true)
        }
        #expect(responder.snapshot?.loadedAt == 0)
        #expect(try API.request("/v1/glossary/hpg-axis", responder: responder).status == .ok)
    }
}
