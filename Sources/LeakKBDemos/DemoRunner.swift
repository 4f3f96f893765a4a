import Foundation
import LeakKBModel
import Subprocess
import Synchronization
#if canImport(System)
import System
#else
import SystemPackage
#endif

/// Runs one variant of a built demo in its own process group, under a
/// timeout and a memory ceiling that apply to every process it starts (see
/// `DemoContainment`), and reads the figures it prints.
package struct DemoRunner: Sendable {
    package var timeout: Duration
    package var memoryLimitMiB: Int
    package static let stdoutLimit = 1 << 20
    package static let stderrLimit = 64 << 10

    package init(timeout: Duration = .seconds(60), memoryLimitMiB: Int = 2048) {
        self.timeout = timeout
        self.memoryLimitMiB = memoryLimitMiB
    }

    private enum Stop: Sendable { case timedOut, memoryExceeded }

    /// Set by the watchdog when it had to kill the demo, and why; `finished`
    /// once the run no longer needs watching.
    private final class StopReason: Sendable {
        package let value = Mutex<Stop?>(nil)
        let finished = Atomic(false)
    }

    /// Kills the demo's whole process tree when it runs too long or too big,
    /// and what is left of it as soon as the demo itself exits (an escaped
    /// child holding its stdout would otherwise keep the run open).
    private static func watch(
        tree: DemoProcessTree, started: ContinuousClock.Instant, timeout: Duration,
        limitKiB: Int, reason: StopReason
    ) {
        while !reason.finished.load(ordering: .acquiring) {
            usleep(40_000)
            let table = ProcessTable.read()
            var stop: Stop?
            if ContinuousClock.now - started > timeout {
                stop = .timedOut
            } else if tree.residentKiB(in: table) > limitKiB {
                stop = .memoryExceeded
            }
            if let stop, !reason.finished.load(ordering: .acquiring) { reason.value.withLock { $0 = stop } }
            if stop != nil || tree.leaderExited(in: table) {
                tree.killAll()
                return
            }
        }
    }

    /// Runs `command` with the protocol's `-variant <variant> [-scale N] [-evidence DIR]`; see
    /// Demos/PROTOCOL.md. `evidence` is an existing directory the variant writes its profiles into.
    package func run(
        _ command: DemoCommand, slug: String, variant: Variant, scale: Int? = nil, evidence: String? = nil
    ) async throws(DemoError)
        -> VariantRun
    {
        var environment: [Environment.Key: String?] = [:]
        for (name, value) in command.environment {
            if let key = Environment.Key(rawValue: name) { environment[key] = value }
        }
        var options = PlatformOptions()
        options.processGroupID = 0  // its own group, so its children can be killed with it
        let stop = StopReason()
        let started = ContinuousClock.now
        let timeout = timeout, limitKiB = memoryLimitMiB * 1024
        let tag = DemoContainment.newRun()
        environment[Environment.Key(rawValue: DemoContainment.variable)!] = tag
        // Watched from before the spawn, on a thread of its own, not a task: the cooperative pool can
        // be busy with other work (a server's requests, a test run's other suites) for longer than a
        // demo takes to outgrow its ceiling, or to run to its end.
        let tree = DemoProcessTree(run: tag)
        defer { stop.finished.store(true, ordering: .releasing) }
        Thread {
            Self.watch(tree: tree, started: started, timeout: timeout, limitKiB: limitKiB, reason: stop)
        }.start()
        let outcome: ExecutionResult<(stdout: [UInt8], stderr: [UInt8]), SequenceOutput, SequenceOutput>
        do {
            outcome = try await Subprocess.run(
                .path(FilePath(command.executable)),
                arguments: Arguments(command.arguments(variant: variant.rawValue, scale: scale, evidence: evidence)),
                environment: .inherit.updating(environment),
                platformOptions: options, input: .none, output: .sequence, error: .sequence
            ) { execution in
                tree.started(leader: execution.processIdentifier.value)
                ChildProcessGroups.shared.insert(tree)
                defer { ChildProcessGroups.shared.remove(tree) }
                async let errors = Self.collect(execution.standardError, limit: Self.stderrLimit)
                let output = await Self.collect(execution.standardOutput, limit: Self.stdoutLimit)
                let errorOutput = await errors
                stop.finished.store(true, ordering: .releasing)
                // A demo that exits but leaves children behind must not leave them running.
                tree.killAll()
                return (output, errorOutput)
            }
        } catch {
            throw .launchFailed(slug: slug, reason: "\(error)")
        }
        switch stop.value.withLock({ $0 }) {
        case .timedOut: throw .timedOut(slug: slug, variant: variant.rawValue, seconds: timeout.seconds)
        case .memoryExceeded: throw .memoryExceeded(slug: slug, variant: variant.rawValue, limitMiB: memoryLimitMiB)
        case nil: break
        }
        let stderr = String(decoding: outcome.closureResult.stderr, as: UTF8.self)
        var run = VariantRun(
            variant: variant, exitStatus: Self.describe(outcome.terminationStatus),
            seconds: (ContinuousClock.now - started).seconds,
            stderrTail: String(stderr.suffix(4000)))
        try FigureLine.read(outcome.closureResult.stdout, into: &run, slug: slug)
        if run.panic == nil { run.panic = Self.runtimeFailure(in: stderr) }
        if (run.before == nil || run.after == nil) && run.panic == nil {
            throw .exitedWithoutFigures(
                slug: slug, variant: variant.rawValue, status: run.exitStatus, stderr: String(stderr.suffix(2000)))
        }
        if !outcome.terminationStatus.isSuccess && run.panic == nil {
            throw .exitedWithoutFigures(
                slug: slug, variant: variant.rawValue, status: run.exitStatus, stderr: String(stderr.suffix(2000)))
        }
        return run
    }

    private static func collect(_ sequence: SubprocessOutputSequence, limit: Int) async -> [UInt8] {
        var bytes: [UInt8] = []
        do {
            for try await buffer in sequence {
                // Keep reading past the limit so the demo never blocks on a full pipe.
                guard bytes.count < limit else { continue }
                buffer.withUnsafeBytes { raw in bytes.append(contentsOf: raw.prefix(limit - bytes.count)) }
            }
        } catch {}
        return bytes
    }

    /// `fatal error: concurrent map writes` or an unrecovered `panic: …`.
    package static func runtimeFailure(in stderr: String) -> String? {
        for line in stderr.split(separator: "\n") {
            for prefix in ["fatal error: ", "panic: "] where line.hasPrefix(prefix) {
                return String(line.dropFirst(prefix.count)).trimmingWhitespace
            }
        }
        return nil
    }

    package static func describe(_ status: TerminationStatus) -> String {
        switch status {
        case .exited(let code): "exited with status \(code)"
        case .signaled(let signal): "was killed by signal \(signal)"
        }
    }
}
