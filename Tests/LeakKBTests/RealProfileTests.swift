import Foundation
import Testing
@testable import LeakKBProfiles

/// Profiles written by the real runtime/pprof of both pinned Go toolchains,
/// read back and compared with the state the writing program left.
@Suite(.timeLimit(.minutes(2))) struct RealProfileTests {
    @Test(arguments: GoFixture.toolchains) func goroutineProfileCountsEachStack(toolchain: String) throws {
        let real = try RealProfiles(toolchain: toolchain)
        defer { real.directory.remove() }
        let profile = try ProfileReader().read(path: real.path("goroutine.pb.gz"))
        #expect(profile.kind == .goroutine)
        #expect(profile.sampleTypes == [SampleType(type: "goroutine", unit: "count")])
        let stacks = try #require(profile.goroutineStacks)
        let senders = try #require(stacks.first { $0.stack.contains { $0.function == "main.blockedSender" } })
        #expect(senders.count == RealProfiles.senders)
        // Top first: the runtime's parking frames, then the send, then the user's function.
        let functions = senders.stack.map(\.function)
        let send = try #require(functions.firstIndex(of: "runtime.chansend1"))
        let user = try #require(functions.firstIndex(of: "main.blockedSender"))
        #expect(send < user)
        let frame = senders.stack[user]
        #expect(frame.file.hasSuffix("profile-writer/main.go"))
        #expect(frame.line > 0)
        let receivers = try #require(stacks.first { $0.stack.contains { $0.function == "main.labelledReceiver" } })
        #expect(receivers.count == RealProfiles.receivers)
        #expect(receivers.labels == [ProfileLabel(key: "worker", value: .text("receiver"))])
        #expect(senders.labels.isEmpty)
        let count = try #require(profile.goroutineCount)
        #expect(count >= RealProfiles.senders + RealProfiles.receivers + 1)
    }

    @Test(arguments: GoFixture.toolchains) func gzippedAndPlainProfilesAreTheSame(toolchain: String) throws {
        let real = try RealProfiles(toolchain: toolchain)
        defer { real.directory.remove() }
        let gzipped = try ProfileReader().read(path: real.path("goroutine.pb.gz"))
        let plain = try ProfileReader().read(path: real.path("goroutine.pb"))
        #expect(plain == gzipped)
        let bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: real.path("goroutine.pb"))))
        #expect(ProfileReader.recognizes(prefix: Array(bytes.prefix(16))))
        #expect(try #require(plain.goroutineCount) > 0)
    }

    @Test(arguments: GoFixture.toolchains) func heapProfileShowsTheRetainedBuffers(toolchain: String) throws {
        let real = try RealProfiles(toolchain: toolchain)
        defer { real.directory.remove() }
        let heap = try ProfileReader().read(path: real.path("heap.pb.gz"))
        #expect(heap.kind == .heap)
        #expect(heap.sampleTypes[heap.primaryValueIndex].type == "inuse_space")
        let sites = try #require(heap.allocationSites)
        // MemProfileRate = 1 samples every allocation, so the figures are exact.
        // The 64 buffers; now and then (Go 1.22) the runtime charges one small object of its
        // own, made inside that allocation, to the same line.
        let buffers = try #require(
            sites.first { $0.stack.first?.function == "main.retainBuffers" && (64...65).contains($0.inuseObjects) })
        #expect((RealProfiles.retainedBytes...(RealProfiles.retainedBytes + 512)).contains(buffers.inuseSpace))
        #expect(buffers.allocSpace >= RealProfiles.retainedBytes)
        #expect(sites.first?.inuseSpace ?? 0 >= RealProfiles.retainedBytes, "live bytes first")
        #expect(heap.goroutineStacks == nil)
    }

    @Test(arguments: GoFixture.toolchains) func allocsProfileShowsWhatWasFreed(toolchain: String) throws {
        let real = try RealProfiles(toolchain: toolchain)
        defer { real.directory.remove() }
        let allocs = try ProfileReader().read(path: real.path("allocs.pb.gz"))
        #expect(allocs.kind == .allocs)
        #expect(allocs.sampleTypes[allocs.primaryValueIndex].type == "alloc_space")
        let sites = try #require(allocs.allocationSites)
        let churn = sites.filter { $0.stack.first?.function == "main.churn" }
        let allocated = churn.reduce(0) { $0 + $1.allocSpace }
        let live = churn.reduce(0) { $0 + $1.inuseSpace }
        #expect(allocated >= 1000 * 1024)
        #expect(live * 100 < allocated, "all but the last buffer were collected")
    }

    @Test(arguments: GoFixture.toolchains) func profileWithNoSamplesIsReadAsSuch(toolchain: String) throws {
        let real = try RealProfiles(toolchain: toolchain)
        defer { real.directory.remove() }
        // Block profiling was never switched on: sample types, no samples.
        let block = try ProfileReader().read(path: real.path("block.pb.gz"))
        #expect(block.samples.isEmpty)
        #expect(block.kind == .other("contentions/count, delay/nanoseconds"))
        #expect(block.goroutineStacks == nil)
        #expect(block.allocationSites == nil)
    }

    @Test func goroutineLeakProfileOfGo127() throws {
        let real = try RealProfiles(toolchain: GoFixture.toolchains[0])
        defer { real.directory.remove() }
        try #require(real.has("goroutineleak.pb.gz"), "Go 1.27 writes the goroutineleak profile")
        let leaks = try ProfileReader().read(path: real.path("goroutineleak.pb.gz"))
        #expect(leaks.kind == .goroutineLeak)
        let stacks = try #require(leaks.goroutineStacks)
        let senders = stacks.filter { $0.stack.contains { $0.function == "main.blockedSender" } }
        let receivers = stacks.filter { $0.stack.contains { $0.function == "main.labelledReceiver" } }
        #expect(senders.reduce(0) { $0 + $1.count } == RealProfiles.senders)
        #expect(receivers.reduce(0) { $0 + $1.count } == RealProfiles.receivers)
        // Only the leaked goroutines: main, still running, is not among them.
        #expect(leaks.goroutineCount == RealProfiles.senders + RealProfiles.receivers)
    }
}
