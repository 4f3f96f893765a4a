/// The verdict on one claim after a run, with the measured numbers behind it.
/// (An `Error` only so a missing figure can short-circuit evaluation.)
package struct ClaimResult: Error, Sendable, Codable, Hashable {
    package enum Status: String, Sendable, Codable {
        case passed, failed
        /// The claim's toolchain guard excludes the Go this run used.
        case notApplicable = "not-applicable"
        /// The variant it reads was not run (`--variant`).
        case notMeasured = "not-measured"
    }

    /// A claim (`expect:`) must tell leaky from fixed; an observation
    /// (`observe:`) is a measured fact that only has to hold.
    package enum Role: String, Sendable, Codable {
        case claim, observation
    }

    package let claim: String
    package let role: Role
    package let status: Status
    /// What was measured, e.g. `160.1 MiB >= 50 × 320 KiB (= 15.6 MiB)`.
    package let detail: String
    /// Why a claim does not tell leaky from fixed: it still holds with the
    /// two swapped, or it reads a figure only one of them prints. Nil when
    /// it does, for observations, and when the swap could not be tried.
    package let swapProblem: String?

    package init(claim: String, role: Role = .claim, status: Status, detail: String, swapProblem: String? = nil) {
        self.claim = claim
        self.role = role
        self.status = status
        self.detail = detail
        self.swapProblem = swapProblem
    }

    /// Runs recorded before roles and the per-claim swap test hold neither.
    package init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        claim = try container.decode(String.self, forKey: .claim)
        role = try container.decodeIfPresent(Role.self, forKey: .role) ?? .claim
        status = try container.decode(Status.self, forKey: .status)
        detail = try container.decode(String.self, forKey: .detail)
        swapProblem = try container.decodeIfPresent(String.self, forKey: .swapProblem)
    }

    /// True when the claim held and, for a claim, told leaky from fixed.
    package var isSound: Bool { status != .failed && swapProblem == nil }

    package func with(role: Role, swapProblem: String?) -> ClaimResult {
        ClaimResult(claim: claim, role: role, status: status, detail: detail, swapProblem: swapProblem)
    }
}

extension Claim {
    package func evaluate(_ figures: DemoFigures) -> ClaimResult {
        if let toolchainGuard, !toolchainGuard.admits(figures.toolchain) {
            return ClaimResult(
                claim: text, status: .notApplicable,
                detail: "not applicable on \(figures.toolchain) (\(toolchainGuard))")
        }
        func measured(_ reference: Reference) -> Result<Double, ClaimResult> {
            guard let run = figures.run(reference.variant) else {
                return .failure(
                    ClaimResult(claim: text, status: .notMeasured, detail: "\(reference.variant) was not run"))
            }
            guard let value = run.value(reference.phase, reference.metric) else {
                let why = run.panic.map { "the demo died (\($0)) before printing it" } ?? "the demo did not print it"
                return .failure(ClaimResult(claim: text, status: .failed, detail: "\(reference) is missing: \(why)"))
            }
            return .success(value)
        }
        func verdict(_ holds: Bool, _ detail: String) -> ClaimResult {
            ClaimResult(claim: text, status: holds ? .passed : .failed, detail: detail)
        }
        switch form {
        case .compare(let reference, let comparison, let bound):
            switch measured(reference) {
            case .failure(let result): return result
            case .success(let value):
                return verdict(
                    comparison.holds(value, bound),
                    "\(reference) = \(Quantity.format(value, metric: reference.metric)) \(comparison.rawValue) \(Quantity.format(bound, metric: reference.metric))"
                )
            }
        case .ratio(let lhs, let comparison, let factor, let rhs):
            switch (measured(lhs), measured(rhs)) {
            case (.failure(let result), _), (_, .failure(let result)): return result
            case (.success(let left), .success(let right)):
                let bound = factor * right
                return verdict(
                    comparison.holds(left, bound),
                    "\(Quantity.format(left, metric: lhs.metric)) \(comparison.rawValue) \(Quantity.number(factor)) × \(Quantity.format(right, metric: rhs.metric)) (= \(Quantity.format(bound, metric: rhs.metric)))"
                )
            }
        case .figure(let reference):
            switch measured(reference) {
            case .failure(let result): return result
            case .success(let value):
                return verdict(true, "\(reference) = \(Quantity.format(value, metric: reference.metric))")
            }
        case .panicContains(let variant, let needle):
            guard let run = figures.run(variant) else {
                return ClaimResult(claim: text, status: .notMeasured, detail: "\(variant) was not run")
            }
            guard let message = run.panic else { return verdict(false, "\(variant) did not panic") }
            return verdict(message.contains(needle), "\(variant) panicked: \(message)")
        case .noPanic(let variant):
            guard let run = figures.run(variant) else {
                return ClaimResult(claim: text, status: .notMeasured, detail: "\(variant) was not run")
            }
            return verdict(
                run.panic == nil, run.panic.map { "\(variant) panicked: \($0)" } ?? "\(variant) ran without a panic")
        }
    }
}
