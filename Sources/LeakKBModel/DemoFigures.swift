/// The figures of one demo run — both variants on one toolchain — that claims
/// are checked against.
public struct DemoFigures: Sendable, Codable, Hashable {
    public let toolchain: GoVersion
    public var leaky: VariantRun?
    public var fixed: VariantRun?

    public init(toolchain: GoVersion, leaky: VariantRun?, fixed: VariantRun?) {
        self.toolchain = toolchain
        self.leaky = leaky
        self.fixed = fixed
    }

    public func run(_ variant: Variant) -> VariantRun? {
        variant == .leaky ? leaky : fixed
    }

    /// The same figures with the variants' roles exchanged, to prove that
    /// the claims tell a leaky program from a fixed one.
    public var swapped: DemoFigures {
        DemoFigures(toolchain: toolchain, leaky: fixed, fixed: leaky)
    }
}
