import Dispatch
import Synchronization
#if canImport(Glibc)
import Glibc
#endif

/// The process groups of running demos, so that Ctrl-C or SIGTERM to leakkb
/// takes their whole process trees down with it instead of orphaning them.
public final class ChildProcessGroups: Sendable {
    public static let shared = ChildProcessGroups()

    private let groups = Mutex<Set<pid_t>>([])
    private let sources = Mutex<[any DispatchSourceSignal]>([])

    func insert(_ group: pid_t) { groups.withLock { _ = $0.insert(group) } }
    func remove(_ group: pid_t) { groups.withLock { _ = $0.remove(group) } }

    public func killAll() {
        for group in groups.withLock({ $0 }) { kill(-group, SIGKILL) }
    }

    /// On SIGINT or SIGTERM: kill every demo's process group, then exit
    /// with the conventional 128 + signal status.
    public func installSignalHandlers() {
        sources.withLock { sources in
            guard sources.isEmpty else { return }
            for signalNumber in [SIGINT, SIGTERM] {
                signal(signalNumber, SIG_IGN)
                let source = DispatchSource.makeSignalSource(signal: signalNumber, queue: .global())
                source.setEventHandler { [self] in
                    killAll()
                    exit(128 + signalNumber)
                }
                source.resume()
                sources.append(source)
            }
        }
    }
}
