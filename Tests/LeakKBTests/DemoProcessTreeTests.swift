import Foundation
import Testing
@testable import LeakKBDemos

#if canImport(Glibc)
import Glibc
#endif

/// A run watches its demo from before the spawn, when it cannot yet know the
/// demo's pid (it learns it on the cooperative pool, which other work can
/// hold until the demo has finished): the tag in the demo's environment must
/// be enough to find, measure and kill it and what it starts.
@Suite(.timeLimit(.minutes(1))) struct DemoProcessTreeTests {
    /// `sh` tagged as a demo is, with a `sleep` below it.
    func taggedShell(run: String, script: String = "sleep 30 & wait") throws -> Process {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", script]
        process.environment = ["\(DemoContainment.variable)": run, "PATH": "/usr/bin:/bin"]
        try process.run()
        return process
    }

    /// The shell's children show up once it has forked.
    func children(of pid: pid_t) -> [pid_t] {
        for _ in 0..<200 {
            let found = ProcessTable.read().entries.values.filter { $0.parent == pid }.map(\.pid)
            if !found.isEmpty { return found }
            usleep(10_000)
        }
        return []
    }

    @Test func aTreeFindsItsDemoByTagBeforeItKnowsThePid() throws {
        let run = "tree-test-\(UUID())"
        let shell = try taggedShell(run: run)
        defer { if shell.isRunning { kill(shell.processIdentifier, SIGKILL) } }
        let sleeper = try #require(children(of: shell.processIdentifier).first)
        defer { kill(sleeper, SIGKILL) }

        let tree = DemoProcessTree(run: run)
        #expect(tree.leader == nil)
        let table = ProcessTable.read()
        #expect(tree.members(in: table) == [shell.processIdentifier, sleeper])
        #expect(tree.residentKiB(in: table) > 0)
        #expect(!tree.leaderExited(in: table), "an unknown pid is never taken for an exited demo")
        #expect(DemoProcessTree(run: "tree-test-\(UUID())").members(in: table).isEmpty)

        tree.killAll()
        // The demo is left for whoever started it to reap: this wait would never end had the tree reaped it.
        shell.waitUntilExit()
        #expect(shell.terminationReason == .uncaughtSignal)
        usleep(50_000)
        let state = ProcessTable.entry(sleeper)
        #expect(state == nil || state?.isZombie == true)
    }

    @Test func onceTheRunKnowsThePidTheDemoIsItsLeader() throws {
        let run = "tree-test-\(UUID())"
        let shell = try taggedShell(run: run, script: "exec sleep 30")
        defer { if shell.isRunning { kill(shell.processIdentifier, SIGKILL) } }
        let tree = DemoProcessTree(run: run)
        tree.started(leader: shell.processIdentifier)
        #expect(tree.leader == shell.processIdentifier)
        #expect(!tree.leaderExited(in: ProcessTable.read()))
        kill(shell.processIdentifier, SIGKILL)
        shell.waitUntilExit()
        #expect(tree.leaderExited(in: ProcessTable.read()))
    }
}
