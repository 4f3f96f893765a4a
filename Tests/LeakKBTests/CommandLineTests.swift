import Foundation
import Testing

/// The built `leakkb` binary on the real Content/, as a person runs it: a
/// few smoke runs (CommandTests runs the commands in process).
@Suite(.serialized) struct CommandLineTests {
    func leakkb(
        _ arguments: [String], environment: [String: String] = [:], in directory: String = Repository.root
    ) throws
        -> LeakKBProcess.Result
    {
        try LeakKBProcess.run(arguments, environment: environment, in: directory)
    }

    @Test func contentIsValid() throws {
        let result = try leakkb(["check"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stderr.contains("all valid"))
    }

    @Test func plainOutputHasNoColourOutsideATerminal() throws {
        let result = try leakkb(["search", "goroutine"])
        #expect(result.status == 0)
        #expect(result.stdout.hasPrefix("1. "))
        #expect(!result.stdout.contains("\u{1B}["))
        #expect(result.stdout.contains("[goroutine"))
    }

    @Test func worksFromAnyDirectory() throws {
        let result = try leakkb(["list", "--kind", "myth", "--json"], in: "/")
        #expect(result.status == 0, "\(result.stderr)")
        let myths = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as! [[String: Any]]
        // Counted against the whole list, so adding an article never breaks this.
        let all =
            try JSONSerialization.jsonObject(with: Data(try leakkb(["list", "--json"], in: "/").stdout.utf8))
            as! [[String: Any]]
        let expected = all.filter { $0["kind"] as? String == "myth" }.compactMap { $0["slug"] as? String }
        #expect(!expected.isEmpty && myths.compactMap { $0["slug"] as? String } == expected)
        let tags = try leakkb(["tags"], in: "/tmp")
        #expect(tags.stdout.contains("goroutine"))
    }
}
