@testable import LeakKBProfiles

/// pprof messages built in the test, for shapes no real program is asked to
/// write: broken references, extreme values, 100,000 samples.
enum SyntheticProfile {
    /// A goroutine profile of `stacks` distinct stacks, `framesPerStack` deep,
    /// stack `i` counting `i + 1` goroutines. Frames come from a pool of
    /// at most 1,000 locations, combined so that no two stacks are equal.
    static func goroutines(stacks: Int, framesPerStack: Int) -> Perftools_Profiles_Profile {
        var profile = Perftools_Profiles_Profile()
        profile.stringTable = ["", "goroutine", "count", "main.go"]
        var type = Perftools_Profiles_ValueType()
        type.type = 1
        type.unit = 2
        profile.sampleType = [type]
        let pool = min(max(stacks * framesPerStack, 1), 1000)
        for id in 1...pool {
            profile.stringTable.append("main.f\(id)")
            var function = Perftools_Profiles_Function()
            function.id = UInt64(id)
            function.name = Int64(profile.stringTable.count - 1)
            function.filename = 3
            profile.function.append(function)
            var line = Perftools_Profiles_Line()
            line.functionID = UInt64(id)
            line.line = Int64(id)
            var location = Perftools_Profiles_Location()
            location.id = UInt64(id)
            location.line = [line]
            profile.location.append(location)
        }
        for index in 0..<stacks {
            var sample = Perftools_Profiles_Sample()
            // The digits of `index` in base `pool`: distinct indices, distinct stacks.
            var rest = index
            for _ in 0..<framesPerStack {
                sample.locationID.append(UInt64(rest % pool + 1))
                rest /= pool
            }
            sample.value = [Int64(index + 1)]
            profile.sample.append(sample)
        }
        return profile
    }
}
