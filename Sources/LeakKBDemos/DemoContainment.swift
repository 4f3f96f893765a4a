import Synchronization
#if canImport(Glibc)
import Glibc
#endif
import CProcessControl

/// What keeps a demo's processes inside leakkb's reach, set up once per
/// leakkb process before its first demo starts: leakkb becomes child
/// subreaper (orphans of a demo's descendants are reparented to it, not to
/// init), every run gets a tag in its environment, and a guard process kills
/// every tagged process if leakkb dies, even by SIGKILL.
///
/// Why not a cgroup: on the machines leakkb runs on (and CI), cgroup v2 is
/// often mounted without the memory controller, or read-only in a container;
/// the subreaper and /proc need no setup and no privilege anywhere.
package enum DemoContainment {
    package static let variable = "LEAKKB_DEMO"
    /// Unique to this leakkb process, so its guard never touches another leakkb's demos.
    package static let owner = "\(getpid())-\(String(UInt64.random(in: 0 ... .max), radix: 16))"
    private static let runs = Atomic<Int>(0)

    private static let prepared: Void = {
        _ = leakkb_become_child_subreaper()
        ParentDeathGuard.start(variable: variable, owner: owner)
    }()

    /// The tag for a new run's environment (the value of `variable`).
    package static func newRun() -> String {
        _ = prepared
        return "\(owner).\(runs.add(1, ordering: .relaxed).newValue)"
    }
}
