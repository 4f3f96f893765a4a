import Foundation
import Testing
@testable import LeakKB
@testable import LeakKBCatalog
@testable import LeakKBDiagnosis
@testable import LeakKBIndex
@testable import LeakKBModel

/// Signatures in the front matter: validated where they are written, stored
/// in the index and read back, and used by `KnowledgeBase.diagnose`.
@Suite struct SignatureFrontMatterTests {
    func problems(_ signatures: String, kind: String = "goroutine-leak") throws -> [String] {
        let article = TemporaryKnowledgeBase.article(
            kind: kind, tags: "[goroutine]", extra: "signatures:\n" + signatures)
        let kb = try TemporaryKnowledgeBase(articles: ["x": article])
        do {
            _ = try Catalog.load(root: kb.root)
            return []
        } catch {
            return error.diagnostics.map(\.description)
        }
    }

    @Test func validSignaturesLoad() throws {
        let text = """
              - state: "chan send"
                frames: ["runtime\\\\.chansend1", "^main\\\\."]
              - state: ["semacquire", "sync.WaitGroup.Wait"]
                go: "<1.23"
              - heap: ["time\\\\.NewTimer"]
            """
        #expect(try problems(text).isEmpty)
    }

    @Test func eachProblemNamesItsLine() throws {
        // The front matter's `signatures:` key stands on line 9; items follow.
        let text = """
              - state: "chan send"
                frames: ["(unclosed", "^main\\\\."]
              - colour: red
              - {}
              - frames: ["(?=ahead)"]
              - state: "x"
                go: "someday"
              - state: "chan send"
                per-creator: some
              - state: "select"
                at-top: true
              - frames: ["^main\\\\."]
                at-top: often
            """
        let found = try problems(text)
        #expect(found.count == 8)
        #expect(found[0].hasPrefix("Content/go/x.md:11: signature frames regex '(unclosed': does not compile"))
        #expect(
            found[1]
                == "Content/go/x.md:12: unknown key 'colour' in a signature (known: state, frames, heap, go, per-creator, at-top)"
        )
        #expect(found[2] == "Content/go/x.md:13: a signature needs at least one of state, frames, heap")
        #expect(
            found[3] == "Content/go/x.md:14: signature frames regex '(?=ahead)': lookaround '(?=' is not in Go's RE2")
        #expect(found[4] == "Content/go/x.md:16: signature 'go' must look like \"<1.23\" or \">=1.23\"")
        #expect(found[5] == "Content/go/x.md:18: signature 'per-creator' must be 'one' or 'many'")
        #expect(
            found[6] == "Content/go/x.md:19: signature 'at-top' says where its first frame matches: it needs 'frames'")
        #expect(found[7] == "Content/go/x.md:22: signature 'at-top' must be true or false")
    }

    @Test func backreferencesAreRefused() {
        #expect(Signature.regexProblem("(a)\\1") == "backreferences ('\\1') are not in Go's RE2")
        #expect(Signature.regexProblem("a\\.b") == nil)
        #expect(Signature.regexProblem("a\\\\1") == nil)
    }

    @Test func onlyLeakKindsMayHaveSignatures() throws {
        #expect(
            try problems("  - state: \"chan send\"", kind: "crash") == [
                "Content/go/x.md:10: 'signatures' belong to leak, goroutine-leak, retention and resource-leak articles, not crash"
            ])
        #expect(try problems("  - state: \"chan send\"", kind: "retention").isEmpty)
    }

    @Test func signaturesAreStoredAndReadBack() throws {
        let article = TemporaryKnowledgeBase.article(
            kind: "goroutine-leak", tags: "[goroutine]",
            extra: """
                signatures:
                  - state: ["chan send", "chan receive"]
                    frames: ["a\\\\.b", "^main\\\\."]
                    go: ">=1.23"
                  - heap: ["time\\\\.NewTimer"]
                  - state: "chan send"
                    per-creator: many
                  - frames: ["^main\\\\."]
                    at-top: true
                """)
        let kb = try TemporaryKnowledgeBase(articles: ["x": article, "y": TemporaryKnowledgeBase.article()])
        let index = try kb.index()
        try index.refresh()
        let stored = try index.patterns()
        let x = try #require(stored.first { $0.slug == "x" })
        #expect(
            x.signatures == [
                Signature(
                    states: ["chan send", "chan receive"], frames: ["a\\.b", "^main\\."], heap: [],
                    toolchains: ToolchainRange(">=1.23")),
                Signature(states: [], frames: [], heap: ["time\\.NewTimer"]),
                Signature(states: ["chan send"], frames: [], heap: [], perCreator: .many),
                Signature(states: [], frames: ["^main\\."], heap: [], atTop: true),
            ])
        #expect(stored.first { $0.slug == "y" }?.signatures == [])
        // Removing them from the article removes them from the index.
        try kb.write("Content/go/x.md", TemporaryKnowledgeBase.article(kind: "goroutine-leak", tags: "[goroutine]"))
        try index.refresh(force: true)
        #expect(try index.patterns().first { $0.slug == "x" }?.signatures == [])
    }

    @Test func knowledgeBaseDiagnoseNamesThePatternAndQuotesItsFix() throws {
        let body = TemporaryKnowledgeBase.body(kind: "goroutine-leak").replacingOccurrences(
            of: "## Fix\n\nSome words.", with: "## Fix\n\nBuffer the channel by *one*.\n\nMore words.")
        let article = TemporaryKnowledgeBase.article(
            title: "Senders block", kind: "goroutine-leak", tags: "[goroutine]",
            extra: "signatures:\n  - state: \"chan send\"\n    frames: [\"^main\\\\.blockedSend\"]", body: body)
        let kb = try TemporaryKnowledgeBase(articles: ["blocked": article])
        let knowledgeBase = try KnowledgeBase.open(root: kb.root) { _ in }
        let report = try knowledgeBase.diagnose(
            .file(Repository.fixtures + "/dumps/go1.22-debug2.txt"), minimumWeight: 1)
        let match = try #require(report.suspects.first?.matches.first)
        #expect(match.slug == "blocked" && match.title == "Senders block")
        #expect(match.fix == "Buffer the channel by one.")
        #expect(report.suspects.count == 1)
    }
}
