/// Lets one demo run at a time through the server; a second request while
/// one runs is told to come back later (429), never queued behind it.
actor DemoRunGate {
    private var busy = false

    struct Busy: Error {}

    func run<T: Sendable>(_ body: @Sendable () async throws -> T) async throws -> T {
        guard !busy else { throw Busy() }
        busy = true
        defer { busy = false }
        return try await body()
    }
}
