import ContentAPI
import ContentModel
import FoundationEssentials
import Logging

/// Loads the content directory into a snapshot ready to serve, timing it; reloads on request and swaps
/// the new snapshot in only when the new content is valid.
struct ContentLoading: Sendable {
    let directory: String
    let openAPIFile: String
    let basePath: String
    /// The server's event loops: the snapshot keeps a query cache for each.
    let eventLoops: Int

    func load() throws(InvalidContent) -> ContentSnapshot {
        let start = ContinuousClock.now
        let library = try ContentLoader.load(directory: directory)
        let spec = FileManager.default.contents(atPath: openAPIFile).map { Array($0) }
        let snapshot = try ContentSnapshot(
            library: library, basePath: basePath, openAPI: spec, loadedAt: Date().timeIntervalSince1970,
            loadDuration: Self.seconds(ContinuousClock.now - start), eventLoops: eventLoops)
        return snapshot
    }

    /// SIGHUP or a change the watcher saw (`trigger`): a valid new version replaces the old one
    /// atomically; an invalid one is refused with every problem logged, and the old version keeps serving.
    func reload(into responder: APIResponder, logger: Logger, trigger: String) {
        do {
            let snapshot = try load()
            let previous = responder.snapshot?.version ?? "none"
            responder.replace(snapshot)
            responder.metrics.recordReload(succeeded: true)
            logger.info(
                "content_reloaded",
                metadata: [
                    "trigger": "\(trigger)", "previous_version": "\(previous)", "version": "\(snapshot.version)",
                    "load_ms": .stringConvertible(Int(snapshot.loadDuration * 1000)),
                ])
        } catch {
            responder.metrics.recordReload(succeeded: false)
            logger.error(
                "content_reload_refused",
                metadata: [
                    "trigger": "\(trigger)", "directory": "\(directory)",
                    "serving_version": "\(responder.snapshot?.version ?? "none")",
                    "problems": .array(error.problems.map { .string($0.description) }),
                ])
        }
    }

    static func seconds(_ duration: Duration) -> Double {
        Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
    }
}
