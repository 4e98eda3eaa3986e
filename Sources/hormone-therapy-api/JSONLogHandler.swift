import AccessLogging
import ContentAPI
import ContentModel
import FoundationEssentials
import HTTP1
import JSON
import Logging

/// swift-log handler writing one JSON object per line: `time`, `level`, `event` (the message), and the
/// metadata as fields. Lifecycle events and errors go through it; access lines through `AccessLog`.
struct JSONLogHandler: LogHandler {
    var logLevel: Logger.Level
    var metadata: Logger.Metadata = [:]
    let writer: LogWriter

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    func log(event: LogEvent) {
        var fields: [(String, JSONValue)] = [
            ("time", .string(Timestamp.iso8601(Date().timeIntervalSince1970))),
            ("level", .string(event.level.rawValue)), ("event", .string(event.message.description)),
        ]
        for (key, value) in metadata.merging(event.metadata ?? [:], uniquingKeysWith: { $1 }) {
            fields.append((key, Self.json(value)))
        }
        writer.write(line: JSONValue.object(fields).encoded())
    }

    static func json(_ value: Logger.MetadataValue) -> JSONValue {
        switch value {
        case .string(let text): .string(text)
        case .stringConvertible(let convertible):
            if let number = convertible as? any BinaryInteger {
                .number(Double(number))
            } else if let double = convertible as? Double {
                .number(double)
            } else {
                .string(convertible.description)
            }
        case .array(let items): .array(items.map(json))
        case .dictionary(let fields): .object(fields.sorted { $0.key < $1.key }.map { ($0.key, json($0.value)) })
        }
    }
}
