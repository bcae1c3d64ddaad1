#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import HTTPTypes
import Hummingbird
import NIOCore

/// The web page and the OpenAPI description, embedded in the binary at build time (no file is
/// read at run time, so no request reaches the file system).
enum Page {
    static let html = ByteBuffer(bytes: PackageResources.index_html)
    static let script = ByteBuffer(bytes: PackageResources.app_js)
    static let style = ByteBuffer(bytes: PackageResources.app_css)
    static let openAPI = ByteBuffer(bytes: PackageResources.openapi_json)

    /// The page's policy: its own script and style only, nothing from elsewhere, no inline script.
    static let securityPolicy =
        "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; "
        + "base-uri 'none'; form-action 'self'; frame-ancestors 'none'"

    /// `Referrer-Policy` (not among HTTPTypes' named fields).
    static let referrerPolicy = HTTPField.Name("Referrer-Policy")!

    static func register(on router: Router<BasicRequestContext>) {
        router.get("/") { _, _ in file(html, type: "text/html; charset=utf-8") }
        router.get("/app.js") { _, _ in file(script, type: "text/javascript; charset=utf-8") }
        router.get("/app.css") { _, _ in file(style, type: "text/css; charset=utf-8") }
        router.get("/openapi.json") { _, _ in file(openAPI, type: "application/json; charset=utf-8") }
    }

    static func file(_ body: ByteBuffer, type: String) -> Response {
        Response(status: .ok,
                 headers: [.contentType: type, .contentSecurityPolicy: securityPolicy, .xContentTypeOptions: "nosniff",
                           referrerPolicy: "no-referrer", .cacheControl: "no-cache"],
                 body: ResponseBody(byteBuffer: body))
    }
}

/// Flushes standard output (the "listening on" line must reach a pipe at once).
func fflushStdout() { fflush(nil) }
