import ArgumentParser
import Foundation
import LeakKBServer
import Logging

/// `leakkb serve`: the site and the JSON API over HTTP.
struct Serve: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Serve the catalogue's pages and a JSON API over HTTP (127.0.0.1:8080 by default).",
        discussion: """
            Endpoints: / and the same pages as `leakkb export`, /search?q=, /api/search?q=&tag=&lang=&kind=&limit=, \
            /api/patterns, /api/patterns/{slug}, /api/patterns/{slug}/runs, /api/tags, /healthz, POST /api/diagnose \
            (the evidence as the body, Content-Type: application/octet-stream, from the served origin; the page \
            /diagnose sends it), and with --allow-demo-runs POST /api/patterns/{slug}/run (with Content-Type: \
            application/json, from the served origin). Stops cleanly on Ctrl-C or SIGTERM.
            """
    )

    @OptionGroup var options: KnowledgeBaseOptions
    @Option(
        help: "Address to bind. Anything but loopback exposes the server to the network, so it must be asked for here.")
    var host = "127.0.0.1"
    @Option(help: "Port (0 picks a free one).") var port = 8080
    @Flag(help: "Re-index when Content/ changes (checked every second).") var watch = false
    @Flag(help: "Allow POST /api/patterns/{slug}/run (one demo at a time).") var allowDemoRuns = false
    @Option(help: "Go toolchain for demo runs.") var go: String?
    @Flag(help: "With --allow-demo-runs on an address other than loopback: let anyone who can reach it run demos.")
    var exposeDemoRuns = false
    @Option(help: "Seconds each demo variant may run.") var timeout: Double = 60
    @Option(help: "Seconds from the start of one demo run before another may start.") var demoRunInterval: Double = 10
    @Option(help: "MiB of rendered answers the server keeps in memory.") var cacheMib: Double = 64
    @Option(help: "MiB of evidence POST /api/diagnose reads; a larger body is refused (413).")
    var diagnoseMib: Double = 32
    @Option(help: "Seconds a connection may sit with no request before it is closed.") var idleTimeout: Double = 30
    @Option(help: "Seconds a client has to send a whole request head once it has begun.") var headerTimeout: Double = 10

    func validate() throws {
        guard (0...65535).contains(port) else { throw ValidationError("--port must be between 0 and 65535") }
        guard timeout > 0 && timeout <= 3600 else {
            throw ValidationError("--timeout must be between 0 and 3600 seconds")
        }
        guard demoRunInterval >= 0 && demoRunInterval <= 86400 else {
            throw ValidationError("--demo-run-interval must be between 0 and 86400 seconds")
        }
        guard cacheMib >= 0 && cacheMib <= 65536 else {
            throw ValidationError("--cache-mib must be between 0 and 65536")
        }
        guard diagnoseMib > 0 && diagnoseMib <= 4096 else {
            throw ValidationError("--diagnose-mib must be above 0 and at most 4096")
        }
        for (name, value) in [("--idle-timeout", idleTimeout), ("--header-timeout", headerTimeout)]
        where !(value > 0 && value <= 3600) {
            throw ValidationError("\(name) must be between 0 and 3600 seconds")
        }
        if allowDemoRuns && !ServerOptions.isLoopback(host) && !exposeDemoRuns {
            throw ValidationError(
                """
                --allow-demo-runs on \(host) lets anyone who can reach it run demos on this machine; \
                bind 127.0.0.1, or add --expose-demo-runs if that is meant
                """)
        }
    }

    func run() async throws {
        let root = options.resolvedRoot
        let knowledgeBase = try options.open(pooled: true)
        var settings = ServerOptions()
        settings.host = host
        settings.port = port
        settings.watch = watch
        settings.allowDemoRuns = allowDemoRuns
        settings.demoTimeout = .seconds(timeout)
        settings.demoRunInterval = .seconds(demoRunInterval)
        settings.cacheBytes = Int(cacheMib * 1_048_576)
        settings.diagnoseBytes = Int(diagnoseMib * 1_048_576)
        settings.idleTimeout = .seconds(idleTimeout)
        settings.headerTimeout = .seconds(headerTimeout)
        if allowDemoRuns {
            settings.toolchain = try await knowledgeBase.toolchain(go)
        }
        if !ServerOptions.isLoopback(host) {
            Output.error("warning: binding \(host): the server is reachable from the network")
        }
        var logger = Logger(label: "leakkb")
        logger.logLevel = .info
        let app = try LeakKBServer.build(knowledgeBase: knowledgeBase, options: settings, logger: logger) { port in
            // One line on stdout, flushed, so scripts can read the port.
            FileHandle.standardOutput.write(
                Data("leakkb serving \(root) on http://\(host.contains(":") ? "[\(host)]" : host):\(port)\n".utf8))
        }
        try await app.runService()
    }
}
