import Foundation
import GRDB
import Testing
@testable import LeakKBCatalog
@testable import LeakKBIndex
@testable import LeakKBModel

/// Kinds, variants and claims are parsed once and stored as their text: a
/// stored value no case or grammar names is an error where it is read, never
/// a default (`leak`) and never a claim that quietly drops out of a verdict.
@Suite struct StrictDecodingTests {
    static let claims = ["leaky.after.goroutines >= 100 * fixed.after.goroutines", "go<1.23: fixed.panic == none"]
    let kb: TemporaryKnowledgeBase

    init() throws {
        kb = try TemporaryKnowledgeBase(goroutineLeakDemo: "blocked", claims: Self.claims)
        try kb.index().refresh()
    }

    /// Changes the stored index behind leakkb's back, then opens it read-only
    /// so that nothing rebuilds it from Content/.
    func damaged(_ sql: String) throws -> Index {
        try kb.index().database.write { try $0.execute(sql: sql) }
        return try Index(root: kb.root, readOnly: true)
    }

    @Test func theCatalogueCarriesEachClaimParsedWithItsLine() throws {
        let pattern = try #require(Catalog.load(root: kb.root).patterns.first)
        #expect(pattern.claims.map(\.value.text) == Self.claims)
        let lines = pattern.claims.map(\.line)
        #expect(lines.count == 2 && lines[1] == lines[0] + 1 && lines[0] > 1)
        guard case .ratio(let lhs, .atLeast, 100, let rhs) = pattern.claims[0].value.form else {
            Issue.record("the first claim was not read as a ratio")
            return
        }
        #expect(lhs.variant == .leaky && rhs.variant == .fixed)
        #expect(pattern.claims[1].value.toolchainGuard?.comparison == .less)
    }

    @Test func theIndexGivesBackTypedKindAndClaims() throws {
        let metadata = try #require(try kb.index().pattern("blocked")).metadata
        #expect(metadata.kind == .goroutineLeak)
        #expect(metadata.claims.map(\.text) == Self.claims)
        #expect(try kb.index().listings().map(\.kind) == [.goroutineLeak])
        let filtered = try kb.index().search(SearchQuery(parsing: "figures kind:goroutine-leak"))
        #expect(filtered.map(\.kind) == [.goroutineLeak])
    }

    /// The faces' JSON stays what it was: a kind and each claim as their text.
    @Test func theJSONHoldsTheKindAndClaimsAsText() throws {
        let metadata = try #require(try kb.index().pattern("blocked")).metadata
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        let json = String(decoding: try encoder.encode(metadata), as: UTF8.self)
        #expect(json.contains(#""kind":"goroutine-leak""#))
        let claims = #"["leaky.after.goroutines >= 100 * fixed.after.goroutines","go<1.23: fixed.panic == none"]"#
        #expect(json.contains(#""expect":"# + claims))
        let hit = try #require(try kb.index().search(SearchQuery(parsing: "figures")).first)
        let result = String(decoding: try encoder.encode(hit), as: UTF8.self)
        #expect(result.contains(#""kind":"goroutine-leak""#))
        #expect("\(Kind.goroutineLeak)" == "goroutine-leak")
    }

    @Test func anUnknownKindInTheIndexIsAnErrorNotALeak() throws {
        let index = try damaged("UPDATE patterns SET kind = 'sideways'")
        for read in [{ _ = try index.listings() }, { _ = try index.search(SearchQuery(parsing: "figures")) }] {
            #expect {
                try read()
            } throws: { error in
                let text = "\(error)"
                return text.contains(index.path) && text.contains("'sideways'") && text.contains("kind")
            }
        }
    }

    @Test func aStoredClaimThatNoLongerParsesIsAnErrorNotADroppedClaim() throws {
        let index = try damaged("UPDATE claims SET text = replace(text, ' >= 100 *', ' => 100 *')")
        #expect {
            _ = try index.pattern("blocked")
        } throws: { error in
            "\(error)".contains(index.path) && "\(error)".contains("=> 100")
        }
    }

    @Test func anUnknownRoleOrListIsAnErrorNotAClaim() throws {
        // As a file written by something else could hold them: past the CHECKs.
        for damage in [
            "UPDATE claims SET role = 'rumour'", "UPDATE pattern_lists SET list = 'gossip' WHERE list = 'tag'",
        ] {
            let index = try damaged("PRAGMA ignore_check_constraints = ON; " + damage)
            #expect {
                _ = try index.pattern("blocked")
            } throws: { error in
                "\(error)".contains(index.path) && ("\(error)".contains("'rumour'") || "\(error)".contains("'gossip'"))
            }
        }
    }

    /// A writable index is a cache: the bad value is damage, rebuilt from Content/.
    @Test func aWritableIndexRebuildsAnUnknownKindFromContent() throws {
        let index = try kb.index()
        try index.database.write { try $0.execute(sql: "UPDATE patterns SET kind = 'sideways'") }
        #expect(try index.listings().map(\.kind) == [.goroutineLeak])
    }

    @Test func anUnknownVariantInARecordedRunIsAnErrorThatNamesTheRunsFile() throws {
        let index = try kb.index()
        let leaky = VariantRun(
            variant: .leaky, after: ["goroutines": 1000], exitStatus: "exited with status 0",
            seconds: 0.1, stderrTail: "")
        let figures = DemoFigures(toolchain: GoVersion(major: 1, minor: 27), leaky: leaky, fixed: nil)
        try index.record(
            DemoReport(
                pattern: "blocked", kind: .goroutineLeak, claims: try .init(parsing: Self.claims),
                figures: figures, cached: true, buildSeconds: 0, startedAt: Date()))
        #expect(try index.runs(of: "blocked").map(\.variant) == [.leaky])
        try index.database.write { try $0.execute(sql: "UPDATE runs.demo_runs SET variant = 'sideways'") }
        #expect {
            _ = try index.latestRuns(of: "blocked")
        } throws: { error in
            guard case IndexError.unreadableRun(let path, let reason) = error else { return false }
            return path == index.runsPath && reason.contains("'sideways'")
        }
        // Not mistaken for damage to the index: the run is still there to be looked at.
        #expect(try index.patternCount() == 1)
    }
}
