import LeakKBModel

/// What a pattern's latest recorded runs say of its claims, in one line:
/// "8 of 8 claims hold on go1.27.3 and go1.22.10". A claim holds when it
/// passed on every toolchain it applies to, and was measured on at least one;
/// it fails when any of them failed it.
public struct ClaimTally: Sendable, Codable, Hashable {
    /// The claims the article makes.
    public let claims: Int
    /// Claims that held wherever they apply.
    public let holding: Int
    /// Claims that failed on at least one toolchain.
    public let failing: Int
    /// The toolchains of the latest runs, newest first.
    public let toolchains: [String]
    /// The toolchains on which a claim failed.
    public let failingOn: [String]
    /// When the newest of those runs started (ISO 8601), if any ran.
    public let measuredAt: String?

    package enum CodingKeys: String, CodingKey {
        case claims, holding, failing, toolchains
        case failingOn = "failing_on"
        case measuredAt = "measured_at"
    }

    public init(claims: [String], runs: [LatestRun]) {
        var holding = 0
        var failing = 0
        var failingOn: [String] = []
        for claim in claims {
            let statuses = runs.compactMap { run in
                run.claims.first { $0.claim == claim }.map { (run.toolchain, $0.status) }
            }
            let failed = statuses.filter { $0.1 == .failed }.map(\.0)
            if !failed.isEmpty {
                failing += 1
                failingOn += failed.filter { !failingOn.contains($0) }
            } else if statuses.contains(where: { $0.1 == .passed }) {
                holding += 1
            }
        }
        self.claims = claims.count
        self.holding = holding
        self.failing = failing
        self.toolchains = runs.map(\.toolchain)
        self.failingOn = runs.map(\.toolchain).filter(failingOn.contains)
        self.measuredAt = runs.map(\.startedAt).max()
    }

    /// The line lists and pages show.
    public var sentence: String {
        if claims == 0 { return "no claims to measure" }
        if toolchains.isEmpty { return "not measured yet" }
        let noun = claims == 1 ? "claim" : "claims"
        if failing > 0 {
            return "\(failing) of \(claims) \(noun) \(failing == 1 ? "fails" : "fail") on \(Self.list(failingOn))"
        }
        return "\(holding) of \(claims) \(noun) \(holding == 1 ? "holds" : "hold") on \(Self.list(toolchains))"
    }

    /// True when every claim holds wherever it was measured.
    public var isClean: Bool { failing == 0 && !toolchains.isEmpty }

    private static func list(_ items: [String]) -> String {
        items.count <= 2
            ? items.joined(separator: " and ")
            : items.dropLast().joined(separator: ", ") + " and " + items[items.count - 1]
    }
}
