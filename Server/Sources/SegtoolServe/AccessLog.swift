#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Hummingbird
import Logging

/// Logs each request once it is answered: method, path and query, status, duration; at
/// `info`, so `--log-level warning` silences it. With `JSONLogHandler` each line is one JSON object.
/// Being outermost, it also marks every response `X-Content-Type-Options: nosniff`.
struct AccessLogMiddleware<Context: RequestContext>: RouterMiddleware {
    let logger: Logger

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard logger.logLevel <= .info else { return Self.secured(try await next(request, context)) }
        let start = ContinuousClock.now
        let response = Self.secured(try await next(request, context))
        let elapsed = ContinuousClock.now - start
        let micros = elapsed.components.seconds * 1_000_000 + elapsed.components.attoseconds / 1_000_000_000_000
        logger.info("request", metadata: [
            "method": .string(request.method.rawValue),
            "uri": .string(request.uri.string),
            "status": .stringConvertible(response.status.code),
            "us": .stringConvertible(micros),
        ])
        return response
    }
}

extension AccessLogMiddleware {
    /// The response with `X-Content-Type-Options: nosniff` (no browser reads JSON as HTML).
    static func secured(_ response: Response) -> Response {
        var response = response
        response.headers[.xContentTypeOptions] = "nosniff"
        return response
    }
}

/// A swift-log handler writing one JSON object a line on standard error:
/// `{"time":…,"level":"info","label":…,"message":…,<metadata>}`; each line is one `write`, so
/// lines from concurrent requests never interleave.
struct JSONLogHandler: LogHandler {
    var logLevel: Logger.Level = .info
    var metadata: Logger.Metadata = [:]
    let label: String

    init(label: String) { self.label = label }

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    func log(level: Logger.Level, message: Logger.Message, metadata extra: Logger.Metadata?, source: String,
             file: String, function: String, line: UInt) {
        var t = timespec()
        clock_gettime(CLOCK_REALTIME, &t)
        let millis = Int(t.tv_sec) * 1000 + Int(t.tv_nsec) / 1_000_000
        var out = "{\"time\":\(millis),\"level\":\"\(level)\",\"label\":" + JSONText.string(label)
            + ",\"message\":" + JSONText.string(message.description)
        var all = metadata
        if let extra { all.merge(extra) { $1 } }
        for key in all.keys.sorted() {
            out += "," + JSONText.string(key) + ":"
            switch all[key] {
            case .stringConvertible(let v) where v is Int || v is UInt || v is Int64 || v is UInt16: out += "\(v)"
            case let v?: out += JSONText.string("\(v)")
            case nil: out += "null"
            }
        }
        out += "}\n"
        var bytes = Array(out.utf8)
        _ = bytes.withUnsafeMutableBytes { write(2, $0.baseAddress, $0.count) }
    }
}
