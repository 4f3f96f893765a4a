import Foundation
import Synchronization
#if canImport(Glibc)
import Glibc
#endif
import CProcessControl

/// The process trees of running demos, so that Ctrl-C or SIGTERM to leakkb
/// takes them down with it instead of orphaning them.
package final class ChildProcessGroups: Sendable {
    package static let shared = ChildProcessGroups()

    private let trees = Mutex<Set<DemoProcessTree>>([])
    /// Set by `stopAll`: leakkb is shutting down, and no demo may run any more.
    private let stopping = Atomic(false)
    private let handlersInstalled = Mutex(false)

    /// Registers a demo's tree once it has started; when leakkb is already
    /// stopping it is killed at once instead: a demo can start between
    /// `stopAll` and the run noticing, and would otherwise outlive it.
    package func insert(_ tree: DemoProcessTree) {
        trees.withLock { _ = $0.insert(tree) }
        if stopping.load(ordering: .sequentiallyConsistent) { tree.killAll() }
    }

    package func remove(_ tree: DemoProcessTree) { trees.withLock { _ = $0.remove(tree) } }

    /// Kills every running demo's tree, and every one that starts from now
    /// on: for a process that is shutting down (a server's graceful stop).
    package func stopAll() {
        stopping.store(true, ordering: .sequentiallyConsistent)
        for tree in trees.withLock({ $0 }) { tree.killAll() }
    }

    /// On SIGINT or SIGTERM: kill every demo's process tree and exit at once
    /// with the conventional 128 + signal status, recording nothing.
    ///
    /// The handler only writes the signal's number to a pipe; a thread of its
    /// own reads it and stops leakkb. It depends on no dispatch queue or task
    /// executor, which may be busy, and exits with `_exit` right after the
    /// kill (what the kill misses, the parent-death guard gets when leakkb is
    /// gone). The run that just lost its demo can reach `exit` first, to
    /// report a failure with another status: from the signal on, `exit`
    /// waits for the signal's `_exit`.
    package func installSignalHandlers() {
        handlersInstalled.withLock { installed in
            guard !installed else { return }
            var ends: [Int32] = [-1, -1]
            guard pipe2(&ends, O_CLOEXEC) == 0 else { return }
            installed = true
            signalPipeWriteEnd = ends[1]
            let readEnd = ends[0]
            Thread { [self] in
                var number: UInt8 = 0
                while read(readEnd, &number, 1) != 1 {}
                stoppingForSignal.store(true, ordering: .sequentiallyConsistent)
                for tree in trees.withLock({ $0 }) { tree.signalAll() }
                fflush(nil)
                _exit(128 + Int32(number))
            }.start()
            atexit {
                while stoppingForSignal.load(ordering: .sequentiallyConsistent) { pause() }
            }
            var action = sigaction()
            action.__sigaction_handler.sa_handler = { number in
                var byte = UInt8(truncatingIfNeeded: number)
                _ = write(signalPipeWriteEnd, &byte, 1)
            }
            sigemptyset(&action.sa_mask)
            action.sa_flags = SA_RESTART
            for number in [SIGINT, SIGTERM] { sigaction(number, &action, nil) }
        }
    }
}

/// Set by the thread that stops leakkb on a signal, before it kills the demos.
private let stoppingForSignal = Atomic(false)

/// Set once before the handler is installed; the handler may only make
/// async-signal-safe calls, so it reads a plain global.
nonisolated(unsafe) private var signalPipeWriteEnd: Int32 = -1
