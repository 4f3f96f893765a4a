import Foundation
import Synchronization
@testable import leakkb

/// leakkb's commands run in this process, as argument-parser's
/// `AssertExecuteCommand` does: the same parsing, the same exit statuses,
/// and what they write caught through `Output`'s task-local sink.
enum InProcessCommand {
    final class Stream: Sendable {
        private let text = Mutex("")
        func append(_ more: String) { text.withLock { $0 += more } }
        var contents: String { text.withLock { $0 } }
    }

    static func run(_ arguments: [String]) async -> LeakKBProcess.Result {
        let out = Stream(), err = Stream()
        let status = await Output.$sink.withValue(Output.Sink(out: out.append, err: err.append)) {
            await LeakKBCommand.execute(arguments)
        }
        return LeakKBProcess.Result(status: status, stdout: out.contents, stderr: err.contents)
    }
}
