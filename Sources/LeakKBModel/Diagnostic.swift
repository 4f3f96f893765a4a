/// One problem found in the knowledge base, pinned to a file and line so an
/// editor can jump to it: `Content/go/x.md:4: unknown tag 'mapp'`.
package struct Diagnostic: Error, Sendable, Hashable, CustomStringConvertible, Codable {
    package let file: String
    package let line: Int
    package let message: String

    package init(file: String, line: Int, message: String) {
        self.file = file
        self.line = line
        self.message = message
    }

    package var description: String { "\(file):\(line): \(message)" }
}

/// Every problem found in one pass, reported together so a writer fixes them
/// in one round rather than one per run.
package struct ValidationFailure: Error, Sendable, CustomStringConvertible {
    package let diagnostics: [Diagnostic]

    package init(_ diagnostics: [Diagnostic]) {
        self.diagnostics = diagnostics.sorted { ($0.file, $0.line) < ($1.file, $1.line) }
    }

    package var description: String {
        let count = diagnostics.count
        let list = diagnostics.map(\.description).joined(separator: "\n")
        return "\(list)\n\(count) problem\(count == 1 ? "" : "s") found"
    }
}

extension ValidationFailure: Failure {
    package var exitCode: Int32 { ExitStatus.failure }
    /// The articles are the server's own: no request can fix them.
    package var httpStatus: Int { 500 }
}
