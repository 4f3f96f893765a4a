import Foundation
import SwiftProtobuf
import Testing
@testable import LeakKBProfiles

/// A profile far larger than real ones, read within a bound of time.
@Suite(.timeLimit(.minutes(2))) struct ProfileScaleTests {
    @Test func hundredThousandSamples() throws {
        let message = SyntheticProfile.goroutines(stacks: 100_000, framesPerStack: 3)
        let bytes: [UInt8] = try message.serializedBytes()
        let profile = try ProfileReader().decode(bytes, name: "large.pb")
        #expect(profile.samples.count == 100_000)
        let stacks = try #require(profile.goroutineStacks)
        #expect(stacks.count == 100_000)
        #expect(stacks.first?.count == 100_000, "the most numerous stack first")
        let expected: Int64 = 100_000 * 100_001 / 2  // stack i counts i + 1 goroutines
        #expect(profile.goroutineCount == expected)
        let diff = try ProfileDiff(base: profile, new: profile)
        #expect(diff.grown.isEmpty)
        #expect(diff.stacks.count == 100_000)
    }
}
