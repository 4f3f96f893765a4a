import LeakKBIndex
import LeakKBModel
import Logging
import ServiceLifecycle

/// `--watch`: re-indexes when Content/ changes. A refresh is one write
/// transaction, so readers keep answering from the previous index until it
/// commits; a failed validation keeps the previous index and says why, once
/// per distinct problem rather than on every check.
struct ContentWatcher: Service {
    let index: Index
    let interval: Duration
    let logger: Logger
    /// Called after a refresh that changed the index.
    let onChange: @Sendable () -> Void

    func run() async throws {
        var lastProblem: String?
        while !Task.isCancelled && !Task.isShuttingDownGracefully {
            try? await Task.sleep(for: interval)
            let problem: String?
            do {
                let changes = try index.refresh()
                problem = nil
                if !changes.isEmpty {
                    onChange()
                    logger.info(
                        "re-indexed: \(changes.added.count) added, \(changes.changed.count) changed, \(changes.removed.count) removed"
                    )
                }
            } catch let failure as ValidationFailure {
                problem = "Content/ has problems; still serving the previous index:\n\(failure)"
            } catch {
                problem = "re-index failed: \(error)"
            }
            if let problem, problem != lastProblem {
                logger.warning("\(problem)")
            } else if problem == nil, lastProblem != nil {
                logger.info("Content/ is valid again")
            }
            lastProblem = problem
        }
    }
}
