import Testing
@testable import LeakKBModel

@Suite struct ClaimTests {
    func figures(
        leakyHeap: Double, fixedHeap: Double, toolchain: String = "go1.27.3", panic: String? = nil
    ) -> DemoFigures {
        func run(_ variant: Variant, _ heap: Double, _ panic: String?) -> VariantRun {
            VariantRun(
                variant: variant, before: ["heap_inuse": 1000, "goroutines": 1],
                after: ["heap_inuse": heap, "goroutines": variant == .leaky ? 1001 : 1],
                panic: panic, exitStatus: "exited with status 0", seconds: 0.1, stderrTail: "")
        }
        return DemoFigures(
            toolchain: GoVersion(toolchain)!, leaky: run(.leaky, leakyHeap, panic), fixed: run(.fixed, fixedHeap, nil)
        )
    }

    @Test func parsesEveryForm() throws {
        let ratio = try Claim("leaky.after.heap_inuse >= 50 * fixed.after.heap_inuse")
        #expect(
            ratio.form
                == .ratio(
                    .init(variant: .leaky, phase: .after, metric: "heap_inuse"), .atLeast, 50,
                    .init(variant: .fixed, phase: .after, metric: "heap_inuse")))
        #expect(
            try Claim("leaky.delta.heap_inuse > 1.5 MiB").form
                == .compare(.init(variant: .leaky, phase: .delta, metric: "heap_inuse"), .greater, 1.5 * 1_048_576))
        #expect(
            try Claim("fixed.delta.goroutines <= 5").form
                == .compare(.init(variant: .fixed, phase: .delta, metric: "goroutines"), .atMost, 5))
        #expect(
            try Claim("leaky.panic contains 'assignment to entry in nil map'").form
                == .panicContains(.leaky, "assignment to entry in nil map"))
        #expect(try Claim("fixed.panic == none").form == .noPanic(.fixed))
        let guarded = try Claim("go<1.23: leaky.after.heap_objects >= 100000")
        #expect(guarded.toolchainGuard == .init(comparison: .less, version: GoVersion(major: 1, minor: 23)))
    }

    @Test(arguments: [
        "", "leaky", "leaky.after", "leaky.after.heap_inuse >= ", "both.after.x >= 1",
        "leaky.after.heap-inuse >= 1", "leaky.after.heap_inuse >= 5 TB", "leaky.panic contains ''",
        "leaky.panic == maybe", "go1.23: fixed.panic == none", "leaky.after.x >= 2 * fixed.after",
    ])
    func rejectsMalformedClaims(_ text: String) {
        #expect(throws: ClaimError.self) { try Claim(text) }
    }

    @Test func evaluatesWithMeasuredNumbers() throws {
        let claim = try Claim("leaky.after.heap_inuse >= 50 * fixed.after.heap_inuse")
        let pass = claim.evaluate(figures(leakyHeap: 100 * 1_048_576, fixedHeap: 300 * 1024))
        #expect(pass.status == .passed)
        #expect(pass.detail == "100.0 MiB >= 50 × 300.0 KiB (= 14.6 MiB)")
        #expect(claim.evaluate(figures(leakyHeap: 1_048_576, fixedHeap: 300 * 1024)).status == .failed)
        let delta = try Claim("leaky.delta.goroutines >= 1000").evaluate(figures(leakyHeap: 1, fixedHeap: 1))
        #expect(delta.status == .passed && delta.detail == "leaky.delta.goroutines = 1000 >= 1000")
        let missing = try Claim("leaky.after.zombies >= 1").evaluate(figures(leakyHeap: 1, fixedHeap: 1))
        #expect(missing.status == .failed && missing.detail.contains("missing"))
    }

    @Test func toolchainGuardsApplyByRelease() throws {
        let old = try Claim("go<1.23: leaky.after.heap_inuse >= 1")
        #expect(old.evaluate(figures(leakyHeap: 5, fixedHeap: 1, toolchain: "go1.22.10")).status == .passed)
        #expect(old.evaluate(figures(leakyHeap: 5, fixedHeap: 1, toolchain: "go1.27.3")).status == .notApplicable)
        let new = try Claim("go>=1.23: leaky.after.heap_inuse >= 1")
        #expect(new.evaluate(figures(leakyHeap: 5, fixedHeap: 1, toolchain: "go1.23.0")).status == .passed)
    }

    @Test func panicsAreClaimable() throws {
        let withPanic = figures(leakyHeap: 1, fixedHeap: 1, panic: "concurrent map writes")
        #expect(try Claim("leaky.panic contains 'concurrent map writes'").evaluate(withPanic).status == .passed)
        #expect(try Claim("fixed.panic == none").evaluate(withPanic).status == .passed)
        #expect(try Claim("leaky.panic == none").evaluate(withPanic).status == .failed)
    }

    func report(
        _ kind: Kind, claims: [String], observations: [String] = [], figures: DemoFigures
    ) throws
        -> DemoReport
    {
        DemoReport(
            pattern: "p", kind: kind, claims: try .init(parsing: claims),
            observations: try .init(parsing: observations),
            figures: figures, cached: true, buildSeconds: 0, startedAt: .init())
    }

    /// Each claim is swapped on its own: one that also holds with leaky and
    /// fixed exchanged fails the report, however good the others are.
    @Test func swapTestJudgesEachClaim() throws {
        let figures = figures(leakyHeap: 100 * 1_048_576, fixedHeap: 300 * 1024)
        let good = try report(
            .leak, claims: ["leaky.after.heap_inuse >= 50 * fixed.after.heap_inuse"], figures: figures)
        #expect(good.passed && good.claims.allSatisfy { $0.swapProblem == nil })
        let mixed = try report(
            .retention,
            claims: ["leaky.after.heap_inuse >= 50 * fixed.after.heap_inuse", "fixed.after.heap_inuse >= 1"],
            figures: figures)
        #expect(!mixed.passed)
        #expect(mixed.claims[0].swapProblem == nil && mixed.claims[0].status == .passed)
        #expect(mixed.claims[1].status == .passed)
        #expect(mixed.claims[1].swapProblem?.contains("also holds with leaky and fixed swapped") == true)
        // Myths and crashes are held to the same rule.
        let myth = try report(.myth, claims: ["leaky.after.heap_inuse >= 1"], figures: figures)
        #expect(!myth.passed && myth.claims[0].swapProblem != nil)
    }

    /// What holds both ways belongs under `observe:`: shown and checked,
    /// never swapped; a bare figure is shown with its value.
    @Test func observationsHoldButAreNotSwapped() throws {
        let figures = figures(leakyHeap: 100 * 1_048_576, fixedHeap: 300 * 1024)
        let leak = try report(
            .leak, claims: ["leaky.after.heap_inuse >= 50 * fixed.after.heap_inuse"],
            observations: ["fixed.after.heap_inuse >= 1", "leaky.after.goroutines"], figures: figures)
        #expect(leak.passed)
        #expect(leak.claims.map(\.role) == [.claim, .observation, .observation])
        #expect(leak.claims[2].detail == "leaky.after.goroutines = 1001")
        let false_ = try report(
            .leak, claims: ["leaky.after.heap_inuse >= 50 * fixed.after.heap_inuse"],
            observations: ["fixed.after.heap_inuse >= 1 GiB"], figures: figures)
        #expect(!false_.passed, "an observation that does not hold fails the run")
        let onlyObservations = try report(
            .leak, claims: [], observations: ["fixed.after.heap_inuse >= 1"], figures: figures)
        #expect(!onlyObservations.passed && onlyObservations.discriminationProblem != nil)
        let myth = try report(.myth, claims: [], observations: ["leaky.after.heap_inuse >= 1"], figures: figures)
        #expect(myth.passed)
    }

    /// A claim on a figure only one variant prints cannot be swapped: an
    /// error, not a pass bought by the missing figure.
    @Test func aFigureOnlyOneVariantPrintsIsAnError() throws {
        var figures = figures(leakyHeap: 100 * 1_048_576, fixedHeap: 300 * 1024)
        figures.leaky?.after?["zombies"] = 200
        let report = try report(.resourceLeak, claims: ["leaky.after.zombies >= 100"], figures: figures)
        #expect(report.claims[0].status == .passed)
        #expect(report.claims[0].swapProblem?.contains("only leaky prints") == true)
        #expect(!report.passed)
        figures.fixed?.after?["zombies"] = 0
        let both = try self.report(.resourceLeak, claims: ["leaky.after.zombies >= 100"], figures: figures)
        #expect(both.passed)
    }
}
