import Foundation
import Hummingbird

// usage: HummingbirdPeer PORT DIR — serves DIR/<path>.json at <path> for every line of DIR/paths.txt.
let arguments = CommandLine.arguments
let port = Int(arguments[1]) ?? 8090
let directory = arguments[2]
let paths = (try String(contentsOfFile: directory + "/paths.txt", encoding: .utf8)).split(separator: "\n")
let router = Router()
for path in paths {
    let bytes = try Data(contentsOf: URL(fileURLWithPath: directory + path + ".json"))
    let buffer = ByteBuffer(bytes: bytes)
    router.get(RouterPath(String(path))) { _, _ in
        Response(status: .ok, headers: [.contentType: "application/json"], body: .init(byteBuffer: buffer))
    }
}
let app = Application(router: router, configuration: .init(address: .hostname("127.0.0.1", port: port)))
try await app.runService()
