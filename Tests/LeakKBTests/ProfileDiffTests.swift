import Testing
@testable import LeakKBProfiles

/// `base` against `new`: per stack, what grew.
struct ProfileDiffTests {
    private func frame(_ function: String) -> [StackFrame] {
        [
            StackFrame(function: "runtime.gopark", file: "proc.go", line: 1),
            StackFrame(function: function, file: "main.go", line: 7),
        ]
    }

    private func goroutines(_ counts: [(String, Int64)]) -> Profile {
        Profile(
            sampleTypes: [SampleType(type: "goroutine", unit: "count")],
            samples: counts.map { ProfileSample(stack: frame($0.0), values: [$0.1], labels: []) })
    }

    @Test func stacksThatGrewComeFirstAndOnlyThoseAreGrown() throws {
        let base = goroutines([("main.a", 3), ("main.b", 5), ("main.gone", 4)])
        let new = goroutines([("main.a", 10), ("main.b", 5), ("main.c", 2)])
        let diff = try ProfileDiff(base: base, new: new)
        #expect(diff.grown.map { $0.stack[1].function } == ["main.a", "main.c"])
        #expect(diff.grown.map(\.delta) == [[7], [2]])
        #expect(diff.stacks.map { $0.stack[1].function } == ["main.a", "main.c", "main.b", "main.gone"])
        let gone = try #require(diff.stacks.last)
        #expect(gone.base == [4])
        #expect(gone.new == [0])
    }

    @Test func samplesOfOneStackAreAddedBeforeComparing() throws {
        let base = goroutines([("main.a", 2)])
        // The same stack twice, as profiles with labels or merged by another tool have it.
        let new = goroutines([("main.a", 2), ("main.a", 3)])
        let diff = try ProfileDiff(base: base, new: new)
        #expect(diff.grown.count == 1)
        #expect(diff.grown.first?.delta == [3])
    }

    @Test func heapDiffRanksByLiveBytes() throws {
        let types = ["alloc_objects", "alloc_space", "inuse_objects", "inuse_space"].map {
            SampleType(type: $0, unit: $0.hasSuffix("space") ? "bytes" : "count")
        }
        func heap(_ retained: Int64, _ churned: Int64) -> Profile {
            Profile(
                sampleTypes: types,
                samples: [
                    ProfileSample(stack: frame("main.retain"), values: [1, retained, 1, retained], labels: []),
                    ProfileSample(stack: frame("main.churn"), values: [100, churned, 0, 0], labels: []),
                ], periodType: SampleType(type: "space", unit: "bytes"), period: 512 << 10)
        }
        let diff = try ProfileDiff(base: heap(1 << 20, 1 << 20), new: heap(8 << 20, 900 << 20))
        #expect(diff.kind == .heap)
        // main.churn allocated far more, but only main.retain kept it.
        #expect(diff.grown.map { $0.stack[1].function } == ["main.retain"])
    }

    @Test func profilesOfDifferentKindsAreNotCompared() throws {
        let heap = Profile(
            sampleTypes: ["alloc_objects", "alloc_space", "inuse_objects", "inuse_space"].map {
                SampleType(type: $0, unit: "count")
            }, samples: [])
        #expect(throws: ProfileError.incomparable(base: "goroutine", new: "heap")) {
            try ProfileDiff(base: goroutines([]), new: heap)
        }
    }
}
