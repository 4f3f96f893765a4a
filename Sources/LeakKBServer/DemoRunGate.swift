/// Lets one demo run at a time through the server, and no sooner than
/// `minimumInterval` after the previous one started: a request that comes
/// while one runs, or too soon after, is told to come back later (429),
/// never queued behind it.
actor DemoRunGate {
    let minimumInterval: Duration
    private var busy = false
    private var lastStart: ContinuousClock.Instant?

    struct Busy: Error {}

    struct TooSoon: Error {
        /// Whole seconds until a run may start, at least 1.
        let seconds: Int
    }

    init(minimumInterval: Duration) {
        self.minimumInterval = minimumInterval
    }

    func run<T: Sendable>(_ body: @Sendable () async throws -> T) async throws -> T {
        guard !busy else { throw Busy() }
        let now = ContinuousClock.now
        if let lastStart, now - lastStart < minimumInterval {
            let remaining = minimumInterval - (now - lastStart)
            throw TooSoon(
                seconds: max(1, Int(remaining.components.seconds) + (remaining.components.attoseconds > 0 ? 1 : 0)))
        }
        busy = true
        lastStart = now
        defer { busy = false }
        return try await body()
    }
}
