import Hummingbird
import Indexer
import NIOCore

/// An error a request gets back as JSON: `{"error": message, "offset": n}` with an HTTP status.
struct APIError: Error, Sendable {
    /// The HTTP status.
    var status: HTTPResponse.Status
    /// What is wrong, for a person.
    var message: String
    /// Where in the query (a character offset), when the query is at fault there.
    var offset: Int?

    /// A 400 for a bad parameter.
    static func badRequest(_ message: String) -> APIError { APIError(status: .badRequest, message: message) }

    /// The error for a failed search: 400 (with the offset) for the query, 500 for the index.
    init(_ error: SearchError) {
        switch error {
        case .query(let q): self.init(q)
        case .index(let e): self.init(e)
        }
    }

    /// A 400 for a bad query, with where it is wrong when known.
    init(_ error: QueryError) {
        var offset: Int?
        switch error {
        case .unclosedQuote(let o): offset = o
        case .phraseTooLong(let o, _, _): offset = o
        default: break
        }
        self.init(status: .badRequest, message: "query: \(error)", offset: offset)
    }

    /// A 500 for a damaged index.
    init(_ error: IndexError) {
        self.init(status: .internalServerError, message: "\(error)")
    }

    init(status: HTTPResponse.Status, message: String, offset: Int? = nil) {
        self.status = status
        self.message = message
        self.offset = offset
    }

    /// The JSON response.
    func response() -> Response {
        var body = "{\"error\":" + JSONText.string(message)
        if let offset { body += ",\"offset\":\(offset)" }
        body += "}"
        return Response(status: status, headers: [.contentType: "application/json; charset=utf-8"],
                        body: ResponseBody(byteBuffer: ByteBuffer(string: body)))
    }
}

/// Turns every error into a JSON error response: ours as they are, Hummingbird's (unknown
/// route → 404, body too large → 413) with their status, anything else as a 500 whose details
/// go to the log only.
struct JSONErrorMiddleware<Context: RequestContext>: RouterMiddleware {
    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch let error as APIError {
            return error.response()
        } catch is NIOTooManyBytesError {
            return APIError(status: .contentTooLarge, message: "the request body is too large").response()
        } catch let error as HTTPError {
            let message = error.body ?? (error.status == .notFound ? "not found: \(request.uri.path)" : error.status.reasonPhrase)
            return APIError(status: error.status, message: message).response()
        } catch let error as any HTTPResponseError {
            return APIError(status: error.status, message: error.status.reasonPhrase).response()
        } catch {
            context.logger.error("request failed", metadata: ["error": "\(error)"])
            return APIError(status: .internalServerError, message: "internal error").response()
        }
    }
}

/// JSON text helpers (for the few responses written by hand).
enum JSONText {
    /// `s` as a JSON string literal.
    static func string(_ s: String) -> String {
        var out = "\""
        out.reserveCapacity(s.utf8.count + 2)
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case "<": out += "\\u003c"  // harmless in JSON, never markup when misread as HTML
            case _ where scalar.value < 0x20 || scalar.value == 0x2028 || scalar.value == 0x2029:
                let hex = String(scalar.value, radix: 16)
                out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }
}
