import ArgumentParser
import LeakKBModel
#if canImport(Glibc)
import Glibc
#endif

/// `leakkb`: the root command; runs the subcommand and maps its outcome to an exit status.
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
              leakkb diagnose dump.txt       name the patterns a goroutine dump shows
            """,
        version: "0.1.0",
        subcommands: [
            Search.self, Show.self, List.self, Tags.self, Demo.self, IndexCommand.self, Check.self, Export.self,
            Serve.self, Diagnose.self,
        ]
    )

    static func main() async {
        Glibc.exit(await execute(Array(CommandLine.arguments.dropFirst())))
    }

    /// Runs one command line and gives its exit status: 0 success, 1 no
    /// result or failed check, 2 usage error. leakkb's own errors decide
    /// theirs (`Failure`); argument-parser's are usage errors, or its way to
    /// print help (status 0). Everything said goes through `Output`, so tests
    /// run commands in process.
    static func execute(_ arguments: [String]) async -> Int32 {
        do {
            var command = try parseAsRoot(arguments)
            if var asyncCommand = command as? AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
            return 0
        } catch let failure as any Failure {
            Output.error(failure.description)
            return failure.exitCode
        } catch {
            let code = exitCode(for: error)
            if code == .success {
                Output.line(fullMessage(for: error))  // --help and --version
                return 0
            }
            if code == .validationFailure || error is ValidationError {
                Output.error(fullMessage(for: error))
                return ExitStatus.usage
            }
            // ExitCode is thrown after the command has said what failed.
            if !(error is ExitCode) { Output.error("\(error)") }
            return code.rawValue == 0 ? ExitStatus.failure : code.rawValue
        }
    }
}
