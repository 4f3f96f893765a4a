/// The kinds of text evidence `leakkb diagnose` reads, found from the
/// content or forced with `--format`.
package enum EvidenceFormat: String, Sendable, Codable, CaseIterable, CustomStringConvertible {
    /// A traceback: `?debug=2`, SIGQUIT or `GOTRACEBACK=all`, a panic, a `go test -timeout` failure.
    case goroutineDump = "goroutine-dump"
    /// `?debug=1`: distinct stacks with counts, no states.
    case goroutineProfile = "goroutine-profile"
    /// goleak's "found unexpected goroutines" failure.
    case goleak
    /// A pprof protocol-buffer goroutine or goroutineleak profile, gzipped or not
    /// (`/debug/pprof/goroutine`): stacks with counts, runtime frames included.
    case goroutinePprof = "goroutine-pprof"
    /// A pprof heap or allocs profile, gzipped or not (`/debug/pprof/heap`): live
    /// memory by allocation stack.
    case heapPprof = "heap-pprof"

    package var description: String { rawValue }

    /// What the first lines of each format look like, for error messages.
    package static let expectation =
        "a goroutine dump ('goroutine 1 [running]:'), a debug=1 goroutine profile ('goroutine profile: total N') or goleak output ('found unexpected goroutines')"
}
