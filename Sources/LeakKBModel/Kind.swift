/// What sort of pattern an article describes; it decides the body's sections
/// and whether the demo's claims must tell leaky from fixed. Written, stored
/// and printed as its raw value (`goroutine-leak`), never its case name.
package enum Kind: String, Sendable, Codable, CaseIterable, CustomStringConvertible {
    case crash
    case leak
    case retention
    case goroutineLeak = "goroutine-leak"
    case resourceLeak = "resource-leak"
    case myth

    /// The `## ` sections the body must have, in this order. Other sections
    /// (such as `## Versions`) may appear between or after them.
    package var requiredSections: [String] {
        switch self {
        case .myth: ["Claim", "Reproduce", "Why", "Verdict"]
        default: ["Symptom", "Why", "Reproduce", "Detect", "Fix"]
        }
    }

    /// Kinds whose demo needs at least one claim on every toolchain: a leak
    /// is shown by a figure that tells leaky from fixed, not by observations.
    /// (Every claim of every kind must fail with the variants swapped.)
    package var requiresDiscrimination: Bool {
        switch self {
        case .leak, .retention, .goroutineLeak, .resourceLeak: true
        case .crash, .myth: false
        }
    }

    package var description: String { rawValue }

    package static var names: String { allCases.map(\.rawValue).joined(separator: ", ") }
}
