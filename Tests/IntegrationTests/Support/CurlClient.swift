import CCurl

/// A libcurl easy handle: one client, reusing its connection across requests like any real client.
final class CurlClient {
    private let handle: UnsafeMutableRawPointer

    struct Response {
        let status: Int
        let headers: [(String, String)]
        let body: [UInt8]
        /// Connections libcurl had to open for this request (0 when it reused one).
        let newConnections: Int

        func header(_ name: String) -> String? {
            headers.first { $0.0.lowercased() == name.lowercased() }?.1
        }

        var text: String { String(decoding: body, as: UTF8.self) }
    }

    private final class Sink {
        var body: [UInt8] = []
        var headerLines: [String] = []
    }

    struct Failure: Error, CustomStringConvertible {
        let code: UInt32
        var description: String { "libcurl error \(code)" }
    }

    init() {
        curl_global_init(Int(CURL_GLOBAL_DEFAULT))
        handle = curl_easy_init()
    }

    deinit { curl_easy_cleanup(handle) }

    func request(
        _ url: String, method: String = "GET", headers: [String] = [], decodeContent: Bool = false
    ) throws -> Response {
        let sink = Sink()
        let context = Unmanaged.passUnretained(sink).toOpaque()
        hta_setopt_string(handle, CURLOPT_URL, url)
        hta_setopt_string(handle, CURLOPT_CUSTOMREQUEST, method)
        hta_setopt_long(handle, CURLOPT_NOBODY, method == "HEAD" ? 1 : 0)
        hta_setopt_long(handle, CURLOPT_TIMEOUT_MS, 5000)
        hta_setopt_string(handle, CURLOPT_ACCEPT_ENCODING, decodeContent ? "" : nil)
        hta_setopt_write_function(handle, CURLOPT_WRITEFUNCTION) { data, size, count, context in
            guard let data, let context else { return 0 }
            let sink = Unmanaged<Sink>.fromOpaque(context).takeUnretainedValue()
            sink.body.append(contentsOf: UnsafeRawBufferPointer(start: data, count: size * count))
            return size * count
        }
        hta_setopt_pointer(handle, CURLOPT_WRITEDATA, context)
        hta_setopt_write_function(handle, CURLOPT_HEADERFUNCTION) { data, size, count, context in
            guard let data, let context else { return 0 }
            let sink = Unmanaged<Sink>.fromOpaque(context).takeUnretainedValue()
            let line = String(decoding: UnsafeRawBufferPointer(start: data, count: size * count), as: UTF8.self)
            sink.headerLines.append(line)
            return size * count
        }
        hta_setopt_pointer(handle, CURLOPT_HEADERDATA, context)
        var list: UnsafeMutablePointer<curl_slist>?
        for header in headers { list = curl_slist_append(list, header) }
        defer { curl_slist_free_all(list) }
        hta_setopt_slist(handle, CURLOPT_HTTPHEADER, list)

        let code = curl_easy_perform(handle)
        guard code == CURLE_OK else { throw Failure(code: code.rawValue) }
        var status = 0
        var connects = 0
        hta_getinfo_long(handle, CURLINFO_RESPONSE_CODE, &status)
        hta_getinfo_long(handle, CURLINFO_NUM_CONNECTS, &connects)
        let fields = sink.headerLines.dropFirst().compactMap { line -> (String, String)? in
            guard let colon = line.firstIndex(of: ":") else { return nil }
            return (String(line[..<colon]), String(line[colon...].dropFirst()).trimmingCharacters(in: " \r\n"))
        }
        return Response(status: status, headers: fields, body: sink.body, newConnections: connects)
    }
}
