import Foundation
import LeakKBTerminal

/// Where commands write: data to stdout, messages and progress to stderr.
enum Output {
    static func error(_ message: String) {
        FileHandle.standardError.write(Data(("leakkb: " + message + "\n").utf8))
    }

    static func progress(_ message: String) {
        FileHandle.standardError.write(Data((message + "\n").utf8))
    }

    static func json(_ value: some Encodable) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        print(String(decoding: try encoder.encode(value), as: UTF8.self))
    }

    static var style: TerminalStyle { .forStandardOutput(environment: ProcessInfo.processInfo.environment) }
}
