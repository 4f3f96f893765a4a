import Foundation
import Testing
@testable import LeakKB
@testable import LeakKBCatalog
@testable import LeakKBDemos
@testable import LeakKBIndex
@testable import LeakKBModel
@testable import LeakKBServer
@testable import LeakKBSite
@testable import LeakKBSystem

/// The demo protocol's reader: every figure it accepts can be rendered, and
/// every line it refuses is an error naming demo, variant, line and reason.
struct FigureLineTests {
    static let before = #"{"variant":"leaky","phase":"before","heap_inuse":1024,"goroutines":1}"#
    static let after = #"{"variant":"leaky","phase":"after","heap_inuse":2048,"goroutines":3}"#

    func read(_ lines: [String]) throws(DemoError) -> VariantRun {
        var run = VariantRun(variant: .leaky, exitStatus: "exited with status 0", seconds: 0.1, stderrTail: "")
        try FigureLine.read(Array(lines.joined(separator: "\n").utf8), into: &run, slug: "demo-x")
        return run
    }

    /// The line number and the problem of the error `lines` must raise.
    func refusal(_ lines: [String]) -> (line: Int, problem: String, message: String)? {
        do {
            _ = try read(lines)
            return nil
        } catch {
            guard case .badFigureLine(let slug, let variant, let line, _, let problem) = error else { return nil }
            #expect(slug == "demo-x" && variant == "leaky")
            return (line, problem, error.description)
        }
    }

    @Test func readsTheProtocol() throws {
        let run = try read([
            "", Self.before, "  ", Self.after + "\r",
            #"{"variant":"leaky","event":"panic","message":"boom \u00e9\ud83d\ude00"}"#, "",
        ])
        #expect(run.before == ["heap_inuse": 1024, "goroutines": 1])
        #expect(run.after == ["heap_inuse": 2048, "goroutines": 3])
        #expect(run.panic == "boom é😀")
        // The bound itself is a figure; the next representable number is not.
        let edge = try read([#"{"variant":"leaky","phase":"before","x":-9007199254740992,"y":1.5e-300,"z":-0.0}"#])
        #expect(edge.before?["x"] == -9_007_199_254_740_992)
        #expect(edge.before?["z"] == 0)
    }

    /// The issue's line, and every other way a figure can be out of reach
    /// of the renderers: refused with the line it was on, nothing kept.
    @Test func refusesFiguresTheRenderersCannotShow() {
        let cases: [(String, String)] = [
            (
                #"{"variant":"leaky","phase":"after","goroutines":-1e300}"#,
                #"figure "goroutines" is -1e300, outside ±2^53"#
            ),
            (#"{"variant":"leaky","phase":"after","goroutines":1e999}"#, #"figure "goroutines" is 1e999"#),
            (#"{"variant":"leaky","phase":"after","goroutines":9007199254740994}"#, "outside ±2^53"),
            (#"{"variant":"leaky","phase":"after","goroutines":9223372036854775808}"#, "outside ±2^53"),
            (
                #"{"variant":"leaky","phase":"after","goroutines":"12"}"#,
                #"figure "goroutines" is the string "12", not a number"#
            ),
            (#"{"variant":"leaky","phase":"after","goroutines":{"n":1}}"#, #""goroutines" holds a nested object"#),
            (#"{"variant":"leaky","phase":"after","goroutines":[1]}"#, #""goroutines" holds a nested array"#),
            (#"{"variant":"leaky","phase":"after","goroutines":true}"#, #"figure "goroutines" is true, not a number"#),
            (#"{"variant":"leaky","phase":"after","goroutines":null}"#, "is null, not a number"),
            (#"{"variant":"leaky","phase":"after","goroutines":NaN}"#, "not a JSON value"),
            (#"{"variant":"leaky","phase":"after","goroutines":01}"#, "not a JSON value"),
            (#"{"variant":"leaky","phase":"after","goroutines":1,"goroutines":2}"#, #""goroutines" appears twice"#),
            (#"{"variant":"leaky","phase":"after","a b":1}"#, #"figure name "a b" must be letters"#),
            (#"{"variant":"leaky","phase":"after","\u001b[2J":1}"#, #"figure name "\u{1b}[2J""#),
            (#"{"variant":"fixed","phase":"after","goroutines":1}"#, #""variant" is "fixed" in the leaky run"#),
            (#"{"variant":"leaky","phase":"during","goroutines":1}"#, "it must be before or after"),
            (#"{"variant":"leaky","phase":7}"#, #""phase" must be a string"#),
            (#"{"variant":"leaky","goroutines":1}"#, #"neither "phase" nor "event""#),
            (#"{"variant":"leaky","phase":"after","event":"panic"}"#, #"both "phase" and "event""#),
            (
                #"{"variant":"leaky","event":"panic","message":"x","goroutines":1}"#,
                "figures belong on before and after lines"
            ),
            (#"{"variant":"leaky","event":"exit"}"#, #"unknown event "exit""#),
            (#"{"phase":"after"}"#, #"no "variant""#),
            (#"{"variant":"leaky","phase":"after","goroutines":1"#, "expected ',' or '}'"),
            (#"{"variant":"leaky","phase":"after"} trailing"#, "text after the object"),
            (#"{"variant":"leaky","phase":"aft"#, "is not closed"),
            (#"{"variant":"leaky","event":"panic","message":"\ud800"}"#, "lone surrogate"),
            ("[1, 2]", "not a JSON object"),
            ("hello, this is not JSON", "not a JSON object"),
        ]
        for (line, problem) in cases {
            let refused = refusal([Self.before, line])
            #expect(refused?.line == 2, "\(line)")
            #expect(refused?.problem.contains(problem) == true, "\(line): \(refused?.problem ?? "accepted")")
        }
    }

    @Test func refusesBinaryAndInvalidUTF8() {
        let binary: [UInt8] = [0x7B, 0x22, 0xFF, 0xFE, 0x22, 0x3A, 0x31, 0x7D, 0x00, 0x0A]  // {"\xff\xfe":1}\0
        var run = VariantRun(variant: .leaky, exitStatus: "", seconds: 0, stderrTail: "")
        #expect(throws: DemoError.self) { try FigureLine.read(binary, into: &run, slug: "demo-x") }
        #expect(run.before == nil && run.after == nil)
    }

    @Test func refusesASecondBeforeAfterOrPanic() {
        #expect(
            refusal([Self.before, Self.after, Self.before])?.problem == "a second before line (the first is line 1)")
        #expect(refusal([Self.before, Self.after, Self.after])?.problem == "a second after line (the first is line 2)")
        let panic = #"{"variant":"leaky","event":"panic","message":"x"}"#
        #expect(refusal([panic, Self.before, panic])?.line == 3)
    }

    /// `file:line: what is wrong`, for a demo: which demo, which variant,
    /// which line of its output, a clipped and printable copy of the line.
    @Test func messagesNameDemoVariantLineAndAClippedCopy() throws {
        let long =
            #"{"variant":"leaky","phase":"after","goroutines":-1e300,"pad":""# + String(repeating: "x", count: 500)
            + "\"}"
        let refused = try #require(refusal([Self.before, long]))
        #expect(refused.message.hasPrefix(#"demo 'demo-x' (leaky), stdout line 2: figure "goroutines" is -1e300"#))
        #expect(refused.message.contains("nothing was recorded"))
        #expect(refused.message.hasSuffix("…"))
        #expect(refused.message.count < 300)
        // A terminal escape in the output reaches the message only as text.
        let escape = try #require(refusal([#"{"variant":"leaky","phase":"before","x":"\#u{1b}[2J"}"#]))
        #expect(escape.message.contains("a control character inside the string"))
        #expect(escape.message.contains(#"\u{1b}[2J"#))
        #expect(!escape.message.unicodeScalars.contains { $0.value < 0x20 })
    }

    /// The issue's demo, built and run for real: `leakkb demo` refuses its
    /// output with the line, and the index records nothing.
    @Test func aDemoPrintingAHugeFigureRecordsNothing() async throws {
        let kb = try TemporaryKnowledgeBase(articles: [
            "huge": TemporaryKnowledgeBase.article(
                title: "Huge figure", kind: "goroutine-leak", tags: "[goroutine]",
                extra: "demo: huge-figure\nexpect:\n  - \"leaky.after.goroutines >= 10 * fixed.after.goroutines\"",
                body: TemporaryKnowledgeBase.body(kind: "goroutine-leak"))
        ])
        let fm = FileManager.default
        try fm.copyItem(atPath: Repository.root + "/Demos/go/go.mod", toPath: kb.root + "/Demos/go/go.mod")
        try fm.copyItem(atPath: Repository.fixtures + "/demos/huge-figure", toPath: kb.root + "/Demos/go/huge-figure")
        try kb.shareGoBuildCache()
        let index = try kb.index()
        try index.refresh()
        let toolchain = try await GoLanguage().toolchain(explicit: nil, root: Repository.root, environment: [:])
        do {
            _ = try await DemoSession(index: index, toolchain: toolchain).run("huge")
            Issue.record("a run with -1e300 goroutines was accepted")
        } catch let error as DemoError {
            #expect(
                error.description.hasPrefix(
                    #"demo 'huge' (leaky), stdout line 2: figure "goroutines" is -1e300, outside ±2^53"#), "\(error)")
        }
        #expect(try index.runs(of: "huge").isEmpty)
    }
}
