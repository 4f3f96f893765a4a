/// The process that runs a built demo, before the protocol's own arguments.
package struct DemoCommand: Sendable, Hashable {
    package var executable: String
    package var arguments: [String]
    /// Added to leakkb's own environment.
    package var environment: [String: String]

    package init(executable: String, arguments: [String] = [], environment: [String: String] = [:]) {
        self.executable = executable
        self.arguments = arguments
        self.environment = environment
    }

    /// The protocol's command line, `-variant leaky|fixed [-scale N] [-evidence DIR]`, after the
    /// language's own arguments.
    package func arguments(variant: String, scale: Int?, evidence: String? = nil) -> [String] {
        arguments + ["-variant", variant] + (scale.map { ["-scale", String($0)] } ?? [])
            + (evidence.map { ["-evidence", $0] } ?? [])
    }
}
