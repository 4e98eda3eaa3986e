import Foundation

/// One JSON object per line on stdout.
enum Log {
    static func event(_ name: String, _ fields: [String: any Sendable]) {
        var object: [String: Any] = ["event": name, "time": ISO8601DateFormatter().string(from: Date())]
        for (key, value) in fields { object[key] = value }
        guard let data = try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys]) else { return }
        FileHandle.standardOutput.write(data + Data("\n".utf8))
    }
}
