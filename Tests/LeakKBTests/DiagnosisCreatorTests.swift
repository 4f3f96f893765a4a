import Foundation
import Testing
@testable import LeakKB
@testable import LeakKBCatalog
@testable import LeakKBDiagnosis
@testable import LeakKBModel
@testable import LeakKBSite
@testable import LeakKBTerminal

/// Who started a group's goroutines (`per-creator`), where the goroutine
/// waits (`at-top`), and matches the evidence cannot tell apart sharing
/// first place.
@Suite struct DiagnosisCreatorTests {
    /// `count` goroutines blocked in a send in `main.run.func1`, the i-th
    /// created in goroutine `parent(i)` (nil: no `in goroutine` part, as
    /// before Go 1.21).
    static func dump(_ count: Int, parent: (Int) -> Int?) -> EvidenceInput {
        var text: [String] = []
        for number in 0..<count {
            let creator = parent(number).map { "created by main.run in goroutine \($0)" } ?? "created by main.run"
            text += [
                "goroutine \(100 + number) [chan send]:", "main.run.func1()", "\t/src/main.go:12 +0x2a", creator,
                "\t/src/main.go:11 +0x4f", "",
            ]
        }
        return .text(Array(text.joined(separator: "\n").utf8), name: "dump")
    }

    static let sender = Signature(states: ["chan send"], frames: ["\\.func\\d+$"], heap: [])
    static let lone = SignedPattern(
        slug: "lone-sender", title: "Lone",
        signatures: [Signature(states: ["chan send"], frames: ["\\.func\\d+$"], heap: [], perCreator: .one)])
    static let fanOut = SignedPattern(
        slug: "fan-out", title: "Fan-out",
        signatures: [Signature(states: ["chan send"], frames: ["\\.func\\d+$"], heap: [], perCreator: .many)])

    func group(_ input: EvidenceInput, patterns: [SignedPattern] = [lone, fanOut]) throws -> GroupReport {
        try #require(try Diagnosis.diagnose(input, patterns: patterns, minimumWeight: 1).groups.first)
    }

    @Test func eachSenderUnderItsOwnParentIsOnePerCreator() throws {
        let group = try group(Self.dump(12) { 40 + $0 })
        #expect(group.matches.map(\.slug) == ["lone-sender"])
        #expect(group.matches.first?.score == 1)
        #expect(group.matches.first?.reasons.last == "each of the 12 goroutines was started by a different goroutine")
        let alone = try self.group(Self.dump(1) { _ in 40 })
        #expect(alone.matches.first?.reasons.last == "its creating goroutine started no other goroutine of the group")
    }

    @Test func sendersSharingAParentAreMany() throws {
        // Two per parent: one repeat is enough.
        let group = try group(Self.dump(12) { 40 + $0 / 2 })
        #expect(group.matches.map(\.slug) == ["fan-out"])
        #expect(group.matches.first?.reasons.last == "some goroutine started several of the 12")
    }

    @Test func unnamedParentsCountForNeitherAndTie() throws {
        // Before Go 1.21 a dump names no parent: both signatures score their state and frame only.
        let group = try group(Self.dump(12) { _ in nil })
        #expect(Set(group.matches.map(\.slug)) == ["lone-sender", "fan-out"])
        #expect(group.matches.allSatisfy { $0.score == 1 && $0.rank == 1 })
        #expect(
            group.tie(of: group.matches[0]) == "as likely as \(group.matches[1].slug): nothing in this "
                + "evidence tells them apart")
        // Every rendering says so, under each of the two.
        let report = try Diagnosis.diagnose(
            Self.dump(12) { _ in nil }, patterns: [Self.lone, Self.fanOut], minimumWeight: 1)
        let terminal = TerminalDiagnosis(style: TerminalStyle(enabled: false)).render(report)
        let page = try DiagnosisPage(templates: Templates()).page(report)
        for text in [terminal, page] {
            #expect(text.components(separatedBy: "nothing in this evidence tells them apart").count == 3)
        }
        // One member without a parent is enough to leave the share unknown.
        let mixed = try self.group(Self.dump(12) { $0 == 5 ? nil : 40 + $0 })
        #expect(Set(mixed.matches.map(\.slug)) == ["lone-sender", "fan-out"])
    }

    @Test func aMoreSpecificMatchRanksAloneAndAnEqualOneShares() throws {
        let stateOnly = SignedPattern(
            slug: "any-send", title: "Any send", signatures: [Signature(states: ["chan send"], frames: [], heap: [])])
        let twin = SignedPattern(slug: "a-twin", title: "Twin", signatures: [Self.sender])
        let plain = SignedPattern(slug: "plain", title: "Plain", signatures: [Self.sender])
        let group = try group(Self.dump(12) { _ in nil }, patterns: [stateOnly, plain, twin])
        #expect(group.matches.map(\.slug) == ["a-twin", "plain", "any-send"])
        #expect(group.matches.map(\.rank) == [1, 1, 3])
        #expect(group.tie(of: group.matches[2]) == nil)
        let json = try JSONSerialization.jsonObject(with: JSONEncoder().encode(group.matches[2])) as? [String: Any]
        #expect(json?["rank"] as? Int == 3)
    }

    @Test func theRuleAsksForFirstPlaceSharedOnlyInATie() throws {
        func evidenceCase(_ patterns: [SignedPattern], parent: @escaping (Int) -> Int?) throws -> EvidenceCase {
            let report = try Diagnosis.diagnose(Self.dump(12, parent: parent), patterns: patterns, minimumWeight: 1)
            return EvidenceCase(
                pattern: "lone-sender", toolchain: "go1.27.3", variant: .leaky, file: "goroutine-debug2.txt",
                signed: true, names: EvidenceCase.names(in: report))
        }
        let rules = EvidenceRules()
        #expect(rules.failure(of: try evidenceCase([Self.lone, Self.fanOut]) { 40 + $0 }) == nil)
        #expect(rules.failure(of: try evidenceCase([Self.lone, Self.fanOut]) { _ in nil }) == nil)
        // Named, but second: the more specific fan-out signature wins when parents repeat.
        let sharedParent = SignedPattern(
            slug: "lone-sender", title: "Lone", signatures: [Signature(states: ["chan send"], frames: [], heap: [])])
        let second = try evidenceCase([sharedParent, Self.fanOut]) { 40 + $0 / 2 }
        #expect(second.names.map(\.slug) == ["fan-out", "lone-sender"])
        #expect(
            rules.failure(of: second)
                == "lone-sender: leaky goroutine-debug2.txt on go1.27.3 names fan-out first, not lone-sender")
    }

    @Test func atTopHoldsTheFirstFrameToWhereTheGoroutineWaits() throws {
        func dump(_ frames: [String]) -> EvidenceInput {
            var text: [String] = []
            for number in 0..<12 {
                text += ["goroutine \(100 + number) [select]:"]
                for frame in frames { text += ["\(frame)(...)", "\t/src/x.go:1 +0x1"] }
                text += [""]
            }
            return .text(Array(text.joined(separator: "\n").utf8), name: "dump")
        }
        let loop = SignedPattern(
            slug: "own-loop", title: "Own loop",
            signatures: [Signature(states: ["select"], frames: ["^main\\."], heap: [], atTop: true)])
        let anywhere = SignedPattern(
            slug: "anywhere", title: "Anywhere",
            signatures: [Signature(states: ["select"], frames: ["^main\\."], heap: [])])
        let own = try group(dump(["main.(*session).loop", "main.run"]), patterns: [loop, anywhere])
        #expect(Set(own.matches.map(\.slug)) == ["own-loop", "anywhere"])
        // A select inside a library the program called: the program's frame is not the top one.
        let library = try group(
            dump(["io.(*pipe).write", "io.(*PipeWriter).Write", "main.encode"]), patterns: [loop, anywhere])
        #expect(library.matches.map(\.slug) == ["anywhere"])
        // A profile shows the runtime's frames above: they are not where the program waits.
        let profiled = try group(dump(["runtime.gopark", "runtime.selectgo", "main.loop"]), patterns: [loop])
        #expect(profiled.matches.map(\.slug) == ["own-loop"])
    }
}
