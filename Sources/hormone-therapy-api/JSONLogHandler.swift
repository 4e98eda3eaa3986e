import ContentAPI
import ContentModel
import FoundationEssentials
import HTTP1
import Logging

/// swift-log handler writing one JSON object per line: `time`, `level`, `event` (the message), and the
/// metadata as fields. Lifecycle events and errors go through it; access lines through `AccessLog`.
struct JSONLogHandler: LogHandler {
    var logLevel: Logger.Level
    var metadata: Logger.Metadata = [:]
    let sink: LogSink

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
        sink.write(JSONValue.object(fields).encoded())
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
        case .dictionary(let fields): .object(fields.map { ($0.key, json($0.value)) })
        }
    }
}

enum Timestamp {
    /// `2026-11-26T23:41:25.123Z`.
    static func iso8601(_ seconds: Double) -> String {
        let whole = Int(seconds.rounded(.down))
        let millis = Int(((seconds - Double(whole)) * 1000).rounded(.down))
        let secondOfDay = whole % 86_400
        let (year, month, day) = HTTPDate.civilDate(daysSince1970: whole / 86_400)
        func pad(_ value: Int, _ width: Int) -> String {
            let text = String(value)
            return String(repeating: "0", count: max(0, width - text.count)) + text
        }
        return "\(pad(year, 4))-\(pad(month, 2))-\(pad(day, 2))T\(pad(secondOfDay / 3600, 2)):"
            + "\(pad(secondOfDay / 60 % 60, 2)):\(pad(secondOfDay % 60, 2)).\(pad(millis, 3))Z"
    }
}
