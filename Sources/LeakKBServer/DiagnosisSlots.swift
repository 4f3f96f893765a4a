import Synchronization

/// How many diagnoses may run at once: each holds its body (up to the size
/// limit) and a core for a second or more, so one more than this is told to
/// come back (429), never queued.
final class DiagnosisSlots: Sendable {
    let limit: Int
    private let running = Atomic(0)

    struct Full: Error {}

    init(limit: Int) {
        self.limit = limit
    }

    /// Runs `body` in a slot, or throws `Full` when every slot is taken.
    func run<T: Sendable>(_ body: () async throws -> T) async throws -> T {
        guard take() else { throw Full() }
        defer { running.subtract(1, ordering: .relaxed) }
        return try await body()
    }

    private func take() -> Bool {
        var current = running.load(ordering: .relaxed)
        while current < limit {
            let (exchanged, original) = running.compareExchange(
                expected: current, desired: current + 1, ordering: .relaxed)
            if exchanged { return true }
            current = original
        }
        return false
    }
}
