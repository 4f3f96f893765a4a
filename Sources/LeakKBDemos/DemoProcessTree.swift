#if canImport(Glibc)
import Glibc
#endif

/// One demo run's processes, which its memory ceiling and timeout apply to
/// and which die with it: the demo, everything below it, its process group,
/// and the orphans of its descendants that leakkb inherited as child
/// subreaper, recognised by the run's tag in their environment (a process
/// that starts a new session or group is still one of them).
package struct DemoProcessTree: Sendable, Hashable {
    package let leader: pid_t
    /// `LEAKKB_DEMO=<owner>.<run>`, given to the demo and inherited by what it starts.
    package let tag: String

    package init(leader: pid_t, run: String) {
        self.leader = leader
        tag = "\(DemoContainment.variable)=\(run)"
    }

    package func members(in table: ProcessTable) -> Set<pid_t> {
        let leakkb = getpid()
        var roots = [leader]
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

    /// The demo itself has exited (swift-subprocess reaps it, so it may be gone).
    package func leaderExited(in table: ProcessTable) -> Bool {
        table.entries[leader]?.isZombie ?? true
    }

    /// Sends SIGKILL to every member once, without waiting.
    package func signalAll() {
        kill(-leader, SIGKILL)
        let table = ProcessTable.read()
        _ = signal(members(in: table), in: table)
    }

    /// Kills every member, round after round while any is left (one may be
    /// forking as it is killed), and reaps the ones leakkb inherited so no
    /// zombie stays behind. The demo itself is left to swift-subprocess to reap.
    package func killAll() {
        // A zombie's environment can no longer be read, so the members found
        // alive are remembered to be reaped once they are dead.
        var known = Set<pid_t>()
        for _ in 0..<100 {
            let table = ProcessTable.read()
            kill(-leader, SIGKILL)
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
            } else if pid != leader && entry.parent == getpid() {
                waitpid(pid, nil, WNOHANG)
                remaining = true
            }
        }
        return remaining
    }
}
