import Synchronization
#if canImport(Glibc)
import Glibc
#endif

/// One demo run's processes, which its memory ceiling and timeout apply to
/// and which die with it: the demo, everything below it, its process group,
/// and the orphans of its descendants that leakkb inherited as child
/// subreaper, recognised by the run's tag in their environment (a process
/// that starts a new session or group is still one of them).
///
/// The tree is watched from before the demo is spawned, and the demo itself
/// is found by its tag until the run learns its pid: the run learns it on
/// the cooperative pool, which other work can hold for longer than a demo
/// takes to outgrow its ceiling or even to finish.
package final class DemoProcessTree: Sendable, Hashable {
    /// `LEAKKB_DEMO=<owner>.<run>`, given to the demo and inherited by what it starts.
    package let tag: String
    private let knownLeader: Atomic<pid_t>

    package init(leader: pid_t? = nil, run: String) {
        tag = "\(DemoContainment.variable)=\(run)"
        knownLeader = Atomic(leader ?? 0)
    }

    /// The demo's pid, once the run has told it (`started(leader:)`).
    package var leader: pid_t? {
        let pid = knownLeader.load(ordering: .acquiring)
        return pid > 0 ? pid : nil
    }

    package func started(leader: pid_t) { knownLeader.store(leader, ordering: .releasing) }

    package static func == (a: DemoProcessTree, b: DemoProcessTree) -> Bool { a === b }
    package func hash(into hasher: inout Hasher) { hasher.combine(ObjectIdentifier(self)) }

    package func members(in table: ProcessTable) -> Set<pid_t> {
        let leakkb = getpid(), leader = leader ?? -1
        var roots = leader > 0 ? [leader] : []
        for entry in table.entries.values where entry.pid != leader {
            if entry.group == leader
                || (entry.parent == leakkb && ProcessTable.environment(of: entry.pid, contains: tag))
            {
                roots.append(entry.pid)
            }
        }
        return table.descendants(of: roots)
    }

    package func residentKiB(in table: ProcessTable) -> Int {
        members(in: table).reduce(0) { $0 + (table.entries[$1]?.residentKiB ?? 0) }
    }

    /// The demo itself has exited (swift-subprocess reaps it, so it may be
    /// gone); not yet known while the run has not told its pid.
    package func leaderExited(in table: ProcessTable) -> Bool {
        guard let leader else { return false }
        return table.entries[leader]?.isZombie ?? true
    }

    /// Sends SIGKILL to every member once, without waiting.
    package func signalAll() {
        if let leader { kill(-leader, SIGKILL) }
        let table = ProcessTable.read()
        _ = signal(members(in: table), in: table)
    }

    /// Kills every member, round after round while any is left (one may be
    /// forking as it is killed), and reaps the ones leakkb inherited so no
    /// zombie stays behind. The demo itself is left to swift-subprocess to
    /// reap, so while its pid is not known no zombie is reaped: the run's own
    /// `killAll`, once it knows the pid, reaps the rest.
    package func killAll() {
        // A zombie's environment can no longer be read, so the members found
        // alive are remembered to be reaped once they are dead.
        var known = Set<pid_t>()
        for _ in 0..<100 {
            let table = ProcessTable.read()
            if let leader { kill(-leader, SIGKILL) }
            known.formUnion(members(in: table))
            guard signal(known, in: table) else { return }
            usleep(5_000)
        }
    }

    /// Kills the live ones, reaps the dead ones leakkb inherited; whether any was left.
    private func signal(_ pids: Set<pid_t>, in table: ProcessTable) -> Bool {
        var remaining = false
        for pid in pids {
            guard let entry = table.entries[pid] else { continue }
            if !entry.isZombie {
                kill(pid, SIGKILL)
                remaining = true
            } else if let leader, pid != leader && entry.parent == getpid() {
                waitpid(pid, nil, WNOHANG)
                remaining = true
            }
        }
        return remaining
    }
}
