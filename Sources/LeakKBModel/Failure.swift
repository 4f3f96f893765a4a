/// An error leakkb reports to a person. Its description says what happened
/// and what to do; the type, in its own layer, decides how each face answers
/// it, so the CLI and the server never keep a table of their own.
///
/// Statuses are plain numbers: the model knows nothing of HTTP types, and
/// the server turns them into responses in one place.
package protocol Failure: Error, Sendable, CustomStringConvertible {
    /// The command's exit status: 1 when something could not be done or
    /// nothing was found, 2 when what was asked for is malformed (see
    /// `ExitStatus`).
    var exitCode: Int32 { get }

    /// The status of the server's answer; for 5xx the server shows
    /// "internal error" and keeps the description for its log, since it
    /// names paths on the server's machine.
    var httpStatus: Int { get }
}

/// The exit statuses of the README: 0 success, 1 no result or failed
/// check, 2 usage error.
package enum ExitStatus {
    package static let failure: Int32 = 1
    package static let usage: Int32 = 2
}
