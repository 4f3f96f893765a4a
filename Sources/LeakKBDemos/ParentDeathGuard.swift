#if canImport(Glibc)
import Glibc
#endif
import CProcessControl

/// A small shell process that outlives leakkb and kills its demos when
/// leakkb dies, however it dies. It blocks reading a pipe whose only writer
/// is leakkb (close-on-exec, so no demo holds it open); the kernel closes the
/// pipe when leakkb exits, and the guard then kills every process tagged
/// with this leakkb's owner, with its process group.
///
/// Not `prctl(PR_SET_PDEATHSIG)`: that signal follows the *thread* that
/// forked the demo, and the Swift runtime's worker threads exit when idle,
/// which would kill a demo in the middle of a healthy run.
package enum ParentDeathGuard {
    package static let script = """
        read _
        for round in 1 2 3 4 5 6 7 8 9 10; do
          pids=$(grep -lsz "^$1=$2\\\\." /proc/[0-9]*/environ | cut -d/ -f3)
          [ -n "$pids" ] || exit 0
          for p in $pids; do kill -9 "-$p" "$p" 2>/dev/null; done
          sleep 0.1
        done
        """

    package static func start(variable: String, owner: String) {
        var pipeEnds: [Int32] = [-1, -1]
        guard pipe2(&pipeEnds, O_CLOEXEC) == 0 else { return }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_adddup2(&actions, pipeEnds[0], 0)
        // Holding leakkb's stdout or a listening socket would keep them open after leakkb exits.
        posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
        posix_spawn_file_actions_addclosefrom_np(&actions, 3)
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        // Its own group, so Ctrl-C to leakkb's group does not stop it before it has done its work.
        posix_spawnattr_setpgroup(&attributes, 0)
        var defaults = sigset_t(), empty = sigset_t()
        sigemptyset(&empty)
        sigemptyset(&defaults)
        for signal in [SIGINT, SIGTERM, SIGHUP, SIGPIPE] { sigaddset(&defaults, signal) }
        posix_spawnattr_setsigdefault(&attributes, &defaults)
        posix_spawnattr_setsigmask(&attributes, &empty)
        let flags = POSIX_SPAWN_SETPGROUP | POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETSIGMASK
        posix_spawnattr_setflags(&attributes, Int16(flags))
        let arguments = ["/bin/sh", "-c", script, "leakkb-guard", variable, owner]
        var pointers = arguments.map { strdup($0) } + [nil]
        defer { for pointer in pointers { free(pointer) } }
        var pid: pid_t = 0
        posix_spawn(&pid, "/bin/sh", &actions, &attributes, &pointers, environ)
        close(pipeEnds[0])
        // The write end stays open, unused, for the rest of leakkb's life.
    }
}
