import Foundation
import Testing
@testable import LeakKBDemos

#if canImport(Glibc)
import Glibc
#endif

/// A server's graceful stop kills the demos running then, and any that
/// starts after it: one can start between the stop and the run noticing.
@Suite(.timeLimit(.minutes(1))) struct ChildProcessGroupsTests {
    /// A process in a group of its own, as a demo runs (Foundation starts
    /// each child as the leader of a new group).
    func groupLeader() throws -> Process {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sleep")
        process.arguments = ["30"]
        try process.run()
        #expect(getpgid(process.processIdentifier) == process.processIdentifier)
        return process
    }

    @Test func aDemoThatStartsAfterTheStopIsKilledAsItStarts() throws {
        let groups = ChildProcessGroups()
        let running = try groupLeader()
        groups.insert(DemoProcessTree(leader: running.processIdentifier, run: "stop-test-\(UUID())"))
        groups.stopAll()
        running.waitUntilExit()
        #expect(running.terminationReason == .uncaughtSignal)

        let late = try groupLeader()
        defer { if late.isRunning { kill(late.processIdentifier, SIGKILL) } }
        groups.insert(DemoProcessTree(leader: late.processIdentifier, run: "stop-test-\(UUID())"))
        late.waitUntilExit()
        #expect(late.terminationReason == .uncaughtSignal)
    }

    @Test func withoutAStopATreeIsOnlyRegistered() throws {
        let groups = ChildProcessGroups()
        let process = try groupLeader()
        defer { kill(process.processIdentifier, SIGKILL) }
        groups.insert(DemoProcessTree(leader: process.processIdentifier, run: "stop-test-\(UUID())"))
        usleep(50_000)
        #expect(process.isRunning)
    }
}
