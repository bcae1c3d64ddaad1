import ArgumentParser
import Hummingbird
import Indexer
import Logging
import NIOCore
import NIOPosix

/// `segtool-serve`: an HTTP search service and a web page over one index.
@main
struct SegtoolServe: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "segtool-serve",
        abstract: "Serve an index over HTTP: a JSON API (see /openapi.json) and a search page (/).",
        discussion: """
            The index is opened read-only; a commit by a writer (segtool index add …) is picked up \
            without a restart, and requests in flight finish on the snapshot they started with. \
            SIGTERM or SIGINT stops accepting connections and lets requests in flight finish.
            """)

    @Option(help: ArgumentHelp("The index (built by `segtool index build`).", valueName: "dir"))
    var index: String

    @Option(help: "The address to listen on (loopback by default; 0.0.0.0 for every interface).")
    var host = "127.0.0.1"

    @Option(help: "The port (0: any free port, printed on standard output).")
    var port = 8080

    @Option(help: ArgumentHelp("Allow cross-origin requests from this origin (e.g. http://localhost:3000). None by default.",
                               valueName: "origin"))
    var cors: String?

    @Option(name: .customLong("max-top"), help: "Most hits per page.")
    var maxTop = 100

    @Option(name: .customLong("max-body"), help: "Largest POST body, in bytes.")
    var maxBody = 256 * 1024

    @Option(name: .customLong("timeout-ms"), help: "Longest time a request may take, in milliseconds (then 503).")
    var timeoutMilliseconds = 5_000

    @Option(name: .customLong("cache-entries"), help: "Search responses kept for repeated queries (per snapshot; 0: none).")
    var cacheEntries = 1_024

    @Option(name: .customLong("reload-ms"), help: "How often (at most) to look for a new commit, in milliseconds.")
    var reloadMilliseconds = 100

    @Option(name: .customLong("log-level"), help: "trace, debug, info (each request), notice, warning, error or critical.")
    var logLevel = "info"

    @Flag(name: .customLong("event-loop-executor"),
          help: "Run handlers on the event loops' threads instead of Swift's own thread pool (no hop between the two: more requests/s, a longer tail on a busy machine).")
    var eventLoopExecutor = false

    func validate() throws {
        if !(0...65535).contains(port) { throw ValidationError("--port must be in 0…65535") }
        if cacheEntries < 0 { throw ValidationError("--cache-entries must be at least 0") }
        if maxTop < 1 { throw ValidationError("--max-top must be at least 1") }
        if maxBody < 1 { throw ValidationError("--max-body must be at least 1") }
        if timeoutMilliseconds < 1 { throw ValidationError("--timeout-ms must be at least 1") }
        if Logger.Level(rawValue: logLevel) == nil { throw ValidationError("--log-level: \(logLevel) is not a log level") }
        if let cors, !(cors.hasPrefix("http://") || cors.hasPrefix("https://")) || cors.hasSuffix("/") {
            throw ValidationError("--cors: give an origin like http://localhost:3000 (scheme, host, port; no path)")
        }
    }

    func run() async throws {
        // Optionally Swift concurrency's jobs on the event loops' threads: a request's handler and
        // its search run where the I/O does, without a hop to a second pool of threads; but a
        // search then holds up its loop's other connections (Benchmarks/RESULTS.md: +20% requests/s,
        // p99 3× longer on the shared 2-core machine). Before the server starts any task.
        if eventLoopExecutor { NIOSingletons.unsafeTryInstallSingletonPosixEventLoopGroupAsConcurrencyGlobalExecutor() }
        let level = Logger.Level(rawValue: logLevel) ?? .info
        LoggingSystem.bootstrap { label in
            var handler = JSONLogHandler(label: label)
            handler.logLevel = level
            return handler
        }
        let logger = Logger(label: "segtool-serve")
        let limits = ServiceLimits(maxTop: maxTop, maxDepth: max(1_000, maxTop), maxBodyBytes: maxBody,
                                   requestTimeout: .milliseconds(timeoutMilliseconds), cacheEntries: cacheEntries)
        let queryLimits = QueryLimits(maxTerms: limits.maxTerms, maxPhraseWords: 32, maxTop: limits.maxDepth + 1,
                                      maxBytes: limits.maxQueryBytes)
        let api: API
        do {
            let store = try SearcherStore(directory: index, limits: queryLimits, checkIntervalMilliseconds: reloadMilliseconds,
                                          logger: logger)
            api = try API(store: store, limits: limits)
        } catch {
            throw ValidationError("\(error)")
        }
        let router = Router(context: BasicRequestContext.self)
        router.add(middleware: AccessLogMiddleware(logger: logger))
        router.add(middleware: JSONErrorMiddleware())
        if let cors { router.add(middleware: CORSOriginMiddleware(origin: cors)) }
        api.register(on: router)
        Page.register(on: router)
        let app = Application(
            router: router,
            configuration: .init(address: .hostname(host, port: port), serverName: "segtool-serve"),
            onServerRunning: { channel in
                let port = channel.localAddress?.port ?? 0
                // The actual address (port 0 picks a free one), for scripts and tests.
                print("listening on http://\(host):\(port)")
                fflushStdout()
            },
            logger: logger)
        let watchdog = Task { await api.deadlines.watch() }
        defer { watchdog.cancel() }
        try await app.runService(gracefulShutdownSignals: [.sigterm, .sigint])
        logger.notice("stopped")
    }
}

/// With `--cors ORIGIN`: requests from that origin (only) may read the API's responses.
struct CORSOriginMiddleware<Context: RequestContext>: RouterMiddleware {
    let origin: String

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard request.headers[.origin] == origin else { return try await next(request, context) }
        var response: Response
        if request.method == .options {
            response = Response(status: .noContent)
            response.headers[.accessControlAllowMethods] = "GET, POST, OPTIONS"
            response.headers[.accessControlAllowHeaders] = "Content-Type"
            response.headers[.accessControlMaxAge] = "600"
        } else {
            response = try await next(request, context)
        }
        response.headers[.accessControlAllowOrigin] = origin
        response.headers[.vary] = "Origin"
        return response
    }
}
