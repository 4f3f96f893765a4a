import Hummingbird
import LeakKB
import LeakKBSite
import Logging
import ServiceLifecycle

/// The HTTP service: pages and JSON API over one index, with the shared templates.
package enum LeakKBServer {
    /// Builds the application; `onRunning` receives the bound port (useful with port 0).
    package static func build(
        knowledgeBase: KnowledgeBase, options: ServerOptions, logger: Logger,
        onRunning: @escaping @Sendable (Int) async -> Void = { _ in }
    ) throws -> some ApplicationProtocol {
        let index = knowledgeBase.index
        let pages = SitePages(index: index, templates: try Templates(), serverSearch: true)
        let router = Router(options: .autoGenerateHeadEndpoints)
        // Outermost first: the access log sees the status the error middleware chose.
        router.add(middleware: AccessLogMiddleware())
        router.add(middleware: ErrorMiddleware(pages: pages))
        let cache = ResponseCache(byteLimit: options.cacheBytes) { try? index.servedGeneration() }
        let origin = ServedOrigin(host: options.host, port: options.port)
        APIRoutes(
            knowledgeBase: knowledgeBase, options: options, cache: cache, origin: origin,
            gate: DemoRunGate(minimumInterval: options.demoRunInterval)
        ).register(on: router)
        DiagnoseRoute(
            knowledgeBase: knowledgeBase, origin: origin, byteLimit: options.diagnoseBytes,
            page: DiagnosisPage(templates: pages.templates, siteBase: "/"),
            slots: DiagnosisSlots(limit: options.concurrentDiagnoses)
        ).register(on: router)
        PageRoutes(pages: pages, cache: cache).register(on: router)
        var services: [any Service] = []
        if options.watch {
            services.append(
                ContentWatcher(
                    index: index, interval: options.watchInterval, logger: logger, onChange: { cache.invalidate() }))
        }
        let connections = DescriptorBudget.connections()
        return Application(
            router: router,
            server: .guardedHTTP1(idleTimeout: options.idleTimeout, headerTimeout: options.headerTimeout),
            configuration: .init(
                address: .hostname(options.host, port: options.port), serverName: "leakkb",
                availableConnectionsDelegate: .maximum(connections, logger: logger)),
            services: services,
            onServerRunning: { channel in
                let port = channel.localAddress?.port ?? options.port
                origin.serving(on: port)
                await onRunning(port)
            },
            logger: logger
        )
    }
}
