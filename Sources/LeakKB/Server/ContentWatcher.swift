import Logging
import ServiceLifecycle

/// `--watch`: re-indexes when Content/ changes. A refresh is one write
/// transaction, so readers keep answering from the previous index until it
/// commits; a failed validation keeps the previous index and says why.
struct ContentWatcher: Service {
    let index: Index
    let interval: Duration
    let logger: Logger
    /// Called after a refresh that changed the index.
    let onChange: @Sendable () -> Void

    func run() async throws {
        while !Task.isCancelled && !Task.isShuttingDownGracefully {
            try? await Task.sleep(for: interval)
            do {
                let changes = try index.refresh()
                if !changes.isEmpty {
                    onChange()
                    logger.info("re-indexed: \(changes.added.count) added, \(changes.changed.count) changed, \(changes.removed.count) removed")
                }
            } catch let failure as ValidationFailure {
                logger.warning("Content/ has problems; still serving the previous index:\n\(failure)")
            } catch {
                logger.error("re-index failed: \(error)")
            }
        }
    }
}
