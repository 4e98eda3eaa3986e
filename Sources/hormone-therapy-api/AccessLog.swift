import ContentAPI
import ContentModel

/// One JSON line per request on stdout: time, request id, client, method, path, query, status, bytes,
/// duration, user agent. Every value goes through the JSON encoder, so nothing a client sent reaches the
/// log unescaped.
enum AccessLog {
    static func line(_ record: AccessRecord) -> [UInt8] {
        var fields: [(String, JSONValue)] = [
            ("time", .string(Timestamp.iso8601(record.time))), ("level", .string("info")),
            ("event", .string("request")), ("client", .string(record.client)), ("method", .string(record.method)),
            ("path", .string(record.path)), ("status", .number(Double(record.status))),
            ("bytes", .number(Double(record.bytes))),
            ("duration_ms", .number((record.duration * 1_000_000).rounded() / 1000)),
        ]
        if let id = record.requestID { fields.append(("request_id", .string(id))) }
        if let id = record.traceID { fields.append(("trace_id", .string(id))) }
        if let query = record.query { fields.append(("query", .string(query))) }
        if let agent = record.userAgent { fields.append(("user_agent", .string(String(agent.prefix(512))))) }
        return JSONValue.object(fields).encoded()
    }
}
