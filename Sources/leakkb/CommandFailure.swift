import LeakKBModel

/// What a command itself refuses or does not find, beyond the layers' own
/// errors; the message goes to stderr.
struct CommandFailure: Failure {
    let description: String
    let exitCode: Int32

    /// Nothing matched what was asked: exit 1.
    static func nothingFound(_ message: String) -> CommandFailure {
        CommandFailure(description: message, exitCode: ExitStatus.failure)
    }

    /// What was asked names something that does not exist: exit 2.
    static func usage(_ message: String) -> CommandFailure {
        CommandFailure(description: message, exitCode: ExitStatus.usage)
    }

    var httpStatus: Int { exitCode == ExitStatus.usage ? 400 : 404 }
}
