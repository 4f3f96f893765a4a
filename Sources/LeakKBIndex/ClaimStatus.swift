import LeakKBModel

/// How a pattern's claims fared in its latest run per toolchain, in one
/// sentence: "8 of 8 claims hold on go1.27.3 and go1.22.10, measured
/// 2026-11-29". Every face that shows a pattern (its page, list rows, the
/// claims page, patterns.json and the API) says it the same way.
package struct ClaimStatus: Sendable, Hashable, Codable {
    /// Claims that hold on every run (or do not apply to it), and at least one run checked them.
    package let holding: Int
    package let total: Int
    /// Claims that failed on some run (or held there only with the variants swapped).
    package let failing: [String]
    /// The toolchains on which a claim failed.
    package let failingOn: [String]
    /// The toolchains of the runs, newest Go first.
    package let toolchains: [String]
    /// The day of the newest run (YYYY-MM-DD), nil when never measured.
    package let measuredOn: String?

    package enum CodingKeys: String, CodingKey {
        case holding, total = "claims", failing, failingOn = "failing_on", toolchains, measuredOn = "measured_on"
    }

    package init(claims: [Claim], runs: [LatestRun]) {
        self.init(claims: claims.map(\.text), runs: runs)
    }

    package init(claims texts: [String], runs: [LatestRun]) {
        var failing: [String] = []
        var failingOn: Set<String> = []
        var holding = 0
        for claim in texts {
            let results = runs.compactMap { run in run.claims.first { $0.claim == claim && $0.role == .claim } }
            if results.contains(where: { !$0.isSound }) {
                failing.append(claim)
                for run in runs where run.claims.contains(where: { $0.claim == claim && !$0.isSound }) {
                    failingOn.insert(run.toolchain)
                }
            } else if results.count == runs.count, results.contains(where: { $0.status == .passed }),
                results.allSatisfy({ $0.status == .passed || $0.status == .notApplicable })
            {
                holding += 1
            }
        }
        self.holding = holding
        self.total = texts.count
        self.failing = failing
        self.failingOn = runs.map(\.toolchain).filter(failingOn.contains)
        self.toolchains = runs.map(\.toolchain)
        self.measuredOn = runs.map { String($0.startedAt.prefix(10)) }.max()
    }

    /// True when every claim holds on every run.
    package var holds: Bool { measuredOn != nil && failing.isEmpty && holding == total }

    /// "8 of 8 claims hold on go1.27.3 and go1.22.10, measured 2026-11-29".
    package var sentence: String {
        if total == 0 { return "no claims to measure" }
        guard let measuredOn else {
            return total == 1 ? "1 claim, not measured yet" : "\(total) claims, not measured yet"
        }
        let verb = holding == 1 ? "holds" : "hold"
        var sentence = "\(holding) of \(total) claim\(total == 1 ? "" : "s") \(verb) on \(Self.list(toolchains))"
        if !failing.isEmpty { sentence += " (\(failing.count) failed on \(Self.list(failingOn)))" }
        return sentence + ", measured \(measuredOn)"
    }

    private static func list(_ items: [String]) -> String {
        items.count <= 2
            ? items.joined(separator: " and ")
            : items.dropLast().joined(separator: ", ") + " and " + items[items.count - 1]
    }
}
