/// Which of a demo's two programs: the one with the mistake or the one with
/// the fix. Claims, runs and the command line all name them this way.
package enum Variant: String, Sendable, Hashable, Codable, CaseIterable, CustomStringConvertible {
    case leaky, fixed

    package var other: Variant { self == .leaky ? .fixed : .leaky }

    package var description: String { rawValue }
}
