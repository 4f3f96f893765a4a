import ArgumentParser
import Foundation
import LeakKB
import Logging

struct Serve: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Serve the catalogue's pages and a JSON API over HTTP (127.0.0.1:8080 by default).",
        discussion: """
            Endpoints: / and the same pages as `leakkb export`, /search?q=, /api/search?q=&tag=&lang=&kind=&limit=,
            /api/patterns, /api/patterns/{slug}, /api/patterns/{slug}/runs, /api/tags, /healthz, and with
            --allow-demo-runs POST /api/patterns/{slug}/run. Stops cleanly on Ctrl-C or SIGTERM.
            """
    )

    @OptionGroup var options: KnowledgeBaseOptions
    @Option(help: "Address to bind. Anything but loopback exposes the server to the network, so it must be asked for here.") var host = "127.0.0.1"
    @Option(help: "Port (0 picks a free one).") var port = 8080
    @Flag(help: "Re-index when Content/ changes (checked every second).") var watch = false
    @Flag(help: "Allow POST /api/patterns/{slug}/run (one demo at a time).") var allowDemoRuns = false
    @Option(help: "Go toolchain for demo runs.") var go: String?
    @Option(help: "Seconds each demo variant may run.") var timeout: Double = 60

    func validate() throws {
        guard (0...65535).contains(port) else { throw ValidationError("--port must be between 0 and 65535") }
        guard timeout > 0 && timeout <= 3600 else { throw ValidationError("--timeout must be between 0 and 3600 seconds") }
    }

    func run() async throws {
        let root = options.resolvedRoot
        let index = try options.openIndex(pooled: true)
        var settings = ServerOptions()
        settings.host = host
        settings.port = port
        settings.watch = watch
        settings.allowDemoRuns = allowDemoRuns
        settings.demoTimeout = .milliseconds(Int(timeout * 1000))
        if allowDemoRuns {
            do {
                settings.toolchain = try await Toolchain.locate(explicit: go, root: root, environment: ProcessInfo.processInfo.environment)
            } catch {
                throw CommandFailure(message: "\(error)")
            }
        }
        if !ServerOptions.isLoopback(host) {
            Output.error("warning: binding \(host): the server is reachable from the network")
        }
        var logger = Logger(label: "leakkb")
        logger.logLevel = .info
        let app = try LeakKBServer.build(index: index, options: settings, logger: logger) { port in
            // One line on stdout, flushed, so scripts can read the port.
            FileHandle.standardOutput.write(Data("leakkb serving \(root) on http://\(host.contains(":") ? "[\(host)]" : host):\(port)\n".utf8))
        }
        try await app.runService()
    }
}
