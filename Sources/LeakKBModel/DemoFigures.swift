/// The figures of one demo run — both variants on one toolchain — that claims
/// are checked against.
package struct DemoFigures: Sendable, Codable, Hashable {
    package let toolchain: GoVersion
    package var leaky: VariantRun?
    package var fixed: VariantRun?

    package init(toolchain: GoVersion, leaky: VariantRun?, fixed: VariantRun?) {
        self.toolchain = toolchain
        self.leaky = leaky
        self.fixed = fixed
    }

    package func run(_ variant: Variant) -> VariantRun? {
        variant == .leaky ? leaky : fixed
    }

    /// The same figures with the variants' roles exchanged, to prove that
    /// the claims tell a leaky program from a fixed one.
    package var swapped: DemoFigures {
        DemoFigures(toolchain: toolchain, leaky: fixed, fixed: leaky)
    }
}
