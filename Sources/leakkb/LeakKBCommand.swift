import ArgumentParser
import LeakKBIndex
import LeakKBModel
#if canImport(Glibc)
import Glibc
#endif

@main
struct LeakKBCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "leakkb",
        abstract: "A knowledge base of memory-leak patterns, each with a measured demo.",
        discussion: """
            Examples:
              leakkb search goroutine        ranked full-text search
              leakkb show nil-map            read one article
              leakkb list --kind myth        browse with filters
              leakkb demo nil-map            build and run the demo, check its claims
              leakkb check                   validate every article
            """,
        version: "0.1.0",
        subcommands: [Search.self, Show.self, List.self, Tags.self, Demo.self, IndexCommand.self, Check.self, Export.self, Serve.self]
    )

    /// Exit codes: 0 success, 1 no result or failed check, 2 usage error.
    static func main() async {
        do {
            var command = try parseAsRoot()
            if var asyncCommand = command as? AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
        } catch let failure as ValidationFailure {
            Output.error(failure.description)
            Glibc.exit(1)
        } catch let error as IndexError {
            Output.error("\(error)")
            Glibc.exit(1)
        } catch let error as CommandFailure {
            Output.error(error.message)
            Glibc.exit(error.code)
        } catch {
            let code = exitCode(for: error)
            if code == .success {
                exit(withError: error) // --help and --version print and exit 0
            }
            let isUsage = code == .validationFailure || error is ValidationError
            if isUsage {
                Output.error(fullMessage(for: error))
                Glibc.exit(2)
            }
            // ExitCode is thrown after the command has said what failed.
            if !(error is ExitCode) { Output.error("\(error)") }
            Glibc.exit(code.rawValue == 0 ? 1 : code.rawValue)
        }
    }
}

/// A command that could not do what was asked; the message goes to stderr.
struct CommandFailure: Error {
    let message: String
    var code: Int32 = 1
}
