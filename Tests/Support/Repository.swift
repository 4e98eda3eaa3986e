import ContentModel
import Foundation

/// The repository the tests run in: its root, and what it bundles, loaded once for every test target.
public enum Repository {
    public static let root: URL = {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<3 { url.deleteLastPathComponent() }
        return url
    }()

    /// The bundled content directory.
    public static let resources = root.appendingPathComponent("Resources").path

    /// The bundled content, loaded and validated.
    public static let library: Library = {
        do {
            return try ContentLoader.load(directory: resources)
        } catch {
            fatalError("the bundled content does not validate: \(error)")
        }
    }()

    /// openapi.yaml's bytes.
    public static let openAPI: [UInt8]? = FileManager.default.contents(
        atPath: root.appendingPathComponent("openapi.yaml").path
    ).map { Array($0) }
}
