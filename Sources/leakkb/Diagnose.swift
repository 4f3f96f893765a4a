import ArgumentParser
import LeakKBDiagnosis
import LeakKBModel
import LeakKBSite
import LeakKBSystem
import LeakKBTerminal

/// `leakkb diagnose FILE`: from a goroutine dump or profile to the patterns it shows.
struct Diagnose: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "diagnose",
        abstract: "Match a goroutine dump or profile, a heap profile or goleak output against the known patterns.",
        discussion: """
            Reads the evidence line by line (a file, or - for standard input), groups identical \
            goroutines, and names the patterns whose signatures they match, with the lines that \
            show it and each article's fix. A heap or allocs profile is read as live memory by \
            allocation site. Exit status: 0 nothing suspicious, 1 suspects found, 2 unreadable input.

            Examples:
              curl -s localhost:6060/debug/pprof/goroutine?debug=2 | leakkb diagnose -
              leakkb diagnose after.txt --base before.txt     what grew between two dumps
              leakkb diagnose heap.pb.gz --base heap-before.pb.gz
              leakkb diagnose --url http://127.0.0.1:6060/debug/pprof/ --interval 30s
              leakkb diagnose dump.txt --html report.html     also a page to open in a browser
            """)

    @OptionGroup var options: KnowledgeBaseOptions
    @Argument(help: "The evidence: a file, or - for standard input (the default).") var file: String?
    @Option(
        help: """
            Read the input as this format instead of detecting it: goroutine-dump, goroutine-profile, goleak, \
            goroutine-pprof, heap-pprof.
            """)
    var format: EvidenceFormat?
    @Option(help: "An earlier snapshot of the same process: report what grew since.") var base: String?
    @Option(help: "The Go release the evidence came from (e.g. 1.22), for version-specific signatures.")
    var go: String?
    @Option(
        help: """
            A group is suspect from this many goroutines in one place (grown, with --base), or fewer that waited: \
            count × (1 + minutes) reaching it. Goroutines Go marks (leaked) always are.
            """)
    var minGoroutines: Int = Int(GroupReport.defaultMinimumWeight)
    @Option(help: "A heap allocation site is suspect from this many live bytes (grown, with --base); 1 MiB by default.")
    var minBytes: Int64 = HeapSnapshot.defaultMinimumBytes
    @Option(help: "A live service's pprof index: diagnose what grew between two snapshots, instead of FILE.")
    var url: String?
    @Option(help: "With --url, the time between the two snapshots: 500ms, 10s, 2m.")
    var interval = IntervalArgument(duration: .seconds(10))
    @Flag(help: "Print the report as JSON (schema in README.md, \"diagnose\").") var json = false
    @Option(help: "Also write the report as one self-contained HTML page (no script, no requests) to this file.")
    var html: String?
    @Option(
        help: """
            With --html: the exported site (directory or URL) the pattern links point into; by default \
            patterns/SLUG.html beside the page.
            """)
    var siteBase: String?

    func validate() throws {
        if let go, GoVersion(go) == nil { throw ValidationError("--go '\(go)' is not a Go release such as 1.22") }
        if minGoroutines < 1 { throw ValidationError("--min-goroutines must be at least 1") }
        if minBytes < 1 { throw ValidationError("--min-bytes must be at least 1") }
        if base == "-" && (file ?? "-") == "-" {
            throw ValidationError("only one of FILE and --base can be standard input")
        }
        if url != nil && (file != nil || base != nil) {
            throw ValidationError("--url takes its own two snapshots: give it without FILE or --base")
        }
        if html == "-" || html?.isEmpty == true { throw ValidationError("--html needs a file to write") }
        if siteBase != nil && html == nil { throw ValidationError("--site-base applies to --html only") }
    }

    func run() async throws {
        let knowledgeBase = try options.open()
        var input = EvidenceInput(argument: file ?? "-")
        if let url { input = try await .live(url: url, interval: interval.duration) }
        let report = try knowledgeBase.diagnose(
            input, base: base.map(EvidenceInput.init(argument:)), format: format,
            toolchain: go.flatMap { GoVersion($0) }, minimumWeight: Double(minGoroutines), minimumBytes: minBytes)
        if let html {
            try FileSystem.replace(
                html, with: DiagnosisPage(templates: try Templates(), siteBase: siteBase ?? "").page(report))
        }
        if json {
            try Output.json(report)
        } else {
            Output.text(TerminalDiagnosis(style: Output.style).render(report))
        }
        if !report.suspects.isEmpty { throw ExitCode(ExitStatus.failure) }
    }
}

extension EvidenceFormat: ExpressibleByArgument {}
