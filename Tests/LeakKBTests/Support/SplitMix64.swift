import Foundation

/// A small seeded generator (SplitMix64): the same seed, the same mutants.
struct SplitMix64: RandomNumberGenerator {
    private var state: UInt64
    /// What it started from, for messages that let a failure be replayed.
    let seed: UInt64

    init(seed: UInt64) {
        self.seed = seed
        state = seed
    }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

extension SplitMix64 {
    /// Seeded from `LEAKKB_FUZZ_SEED` when set (to replay a run), else at
    /// random; the seed is printed either way, so any failure can be replayed.
    static func announced(by suite: String) -> SplitMix64 {
        let seed =
            ProcessInfo.processInfo.environment["LEAKKB_FUZZ_SEED"].flatMap(UInt64.init)
            ?? UInt64.random(in: 0 ... .max)
        print("\(suite): seed \(seed) (replay with LEAKKB_FUZZ_SEED=\(seed))")
        return SplitMix64(seed: seed)
    }
}
