import LeakKBModel

/// Evidence that cannot be read: each message names the input and, where
/// it can, the line and what was expected there. Always a usage error (exit
/// 2, HTTP 400 or 413): the input is what must change.
public struct EvidenceError: Failure, Equatable {
    public let description: String
    /// Whether the input was refused for its size rather than its content.
    public let isTooLarge: Bool

    package init(_ input: String, line: Int? = nil, _ message: String, isTooLarge: Bool = false) {
        description = "\(input): " + (line.map { "line \($0): " } ?? "") + message
        self.isTooLarge = isTooLarge
    }

    public var exitCode: Int32 { ExitStatus.usage }
    public var httpStatus: Int { isTooLarge ? 413 : 400 }
}
