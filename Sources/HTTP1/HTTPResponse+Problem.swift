extension HTTPResponse {
    /// An `application/problem+json` response (RFC 9457) with `type` `about:blank`, the status's reason
    /// phrase as `title`, and `detail`.
    public static func problem(
        status: HTTPStatus, detail: String, headers: HTTPHeaders = HTTPHeaders()
    ) -> HTTPResponse {
        var headers = headers
        headers.set("Content-Type", "application/problem+json")
        headers.set("Cache-Control", "no-store")
        let body =
            "{\"type\":\"about:blank\",\"title\":\(JSONText.quoted(status.reasonPhrase)),"
            + "\"status\":\(status.code),\"detail\":\(JSONText.quoted(detail))}\n"
        return HTTPResponse(status: status, headers: headers, body: Array(body.utf8))
    }
}

/// The few JSON needs of a module that imports nothing.
public enum JSONText {
    /// `value` as a JSON string literal (RFC 8259 §7), control characters escaped.
    public static func quoted(_ value: String) -> String {
        var out = "\""
        for scalar in value.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                if scalar.value < 0x20 || scalar.value == 0x7F {
                    let hex = String(scalar.value, radix: 16)
                    out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out + "\""
    }
}
