import Foundation
import LeakKBTerminal

/// Where commands write: data to stdout, messages and progress to stderr.
enum Output {
    /// The two streams; tests run commands in process with their own.
    struct Sink: Sendable {
        let out: @Sendable (String) -> Void
        let err: @Sendable (String) -> Void

        static let standard = Sink(
            out: { FileHandle.standardOutput.write(Data($0.utf8)) },
            err: { FileHandle.standardError.write(Data($0.utf8)) })
    }

    @TaskLocal static var sink = Sink.standard

    /// One line of data on stdout.
    static func line(_ text: String) {
        sink.out(text + "\n")
    }

    /// Text on stdout as it is, ending where it ends.
    static func text(_ text: String) {
        sink.out(text)
    }

    static func error(_ message: String) {
        sink.err("leakkb: " + message + "\n")
    }

    static func progress(_ message: String) {
        sink.err(message + "\n")
    }

    static func json(_ value: some Encodable) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        line(String(decoding: try encoder.encode(value), as: UTF8.self))
    }

    static var style: TerminalStyle { .forStandardOutput(environment: ProcessInfo.processInfo.environment) }
}
