/// What one variant of a demo printed and how its process ended.
package struct VariantRun: Sendable, Codable, Hashable {
    package let variant: Variant
    package var before: [String: Double]?
    package var after: [String: Double]?
    /// A recovered panic's message, or the runtime's `fatal error:`/`panic:`
    /// read from stderr when the process died of it.
    package var panic: String?
    package var exitStatus: String
    package var seconds: Double
    package var stderrTail: String

    package init(
        variant: Variant, before: [String: Double]? = nil, after: [String: Double]? = nil, panic: String? = nil,
        exitStatus: String, seconds: Double, stderrTail: String
    ) {
        self.variant = variant
        self.before = before
        self.after = after
        self.panic = panic
        self.exitStatus = exitStatus
        self.seconds = seconds
        self.stderrTail = stderrTail
    }

    /// after − before for every figure present in both.
    package var delta: [String: Double]? {
        guard let before, let after else { return nil }
        var result: [String: Double] = [:]
        for (key, value) in after { if let start = before[key] { result[key] = value - start } }
        return result
    }

    package func value(_ phase: Claim.Phase, _ metric: String) -> Double? {
        switch phase {
        case .before: before?[metric]
        case .after: after?[metric]
        case .delta: delta?[metric]
        }
    }
}
