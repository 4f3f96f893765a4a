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

extension ProcessMemorySuites {
    /// Seeded fuzzing of articles: mutants of the real articles go through
    /// check (Catalog.load), index (Index.refresh) and, every fifth batch,
    /// export. Zero crashes; every failure a `ValidationFailure` whose
    /// diagnostics name the mutant's file and a line in it. The seed is printed;
    /// `LEAKKB_FUZZ_SEED=<seed> swift test --filter ArticleFuzzTests` replays a run.
    @Suite struct ArticleFuzzTests {
        static let batches = 20
        static let mutantsPerBatch = 100

        @Test func mutatedArticlesGiveDiagnosticsNeverCrashes() throws {
            var random = SplitMix64.announced(by: "ArticleFuzzTests")
            let kb = try Self.copyOfRealKnowledgeBase()
            var originals: [[UInt8]] = []
            for name in try FileManager.default.contentsOfDirectory(atPath: kb.root + "/Content/go").sorted() {
                originals.append([UInt8](try Data(contentsOf: URL(fileURLWithPath: kb.root + "/Content/go/" + name))))
            }
            let index = try kb.index()
            try index.refresh()
            let exporter = SiteExporter(pages: SitePages(index: index, templates: try Templates()))
            var (accepted, refused) = (0, 0)

            for batch in 0..<Self.batches {
                var mutants: [String: [UInt8]] = [:]
                for number in 0..<Self.mutantsPerBatch {
                    var mutant = originals[Int.random(in: originals.indices, using: &random)]
                    for _ in 0...Int.random(in: 0...2, using: &random) {
                        Mutation.random(using: &random).apply(to: &mutant, using: &random)
                    }
                    let path = "Content/go/fuzz-\(batch)-\(number).md"
                    mutants[path] = mutant
                    try kb.write(path, Data(mutant))
                }
                let context = "seed \(random.seed), batch \(batch)"
                let rejected = Self.diagnostics { _ = try Catalog.load(root: kb.root) }
                Self.expectNamed(rejected, in: mutants, context: "check, \(context)")
                Self.expectNamed(Self.diagnostics { try index.refresh() }, in: mutants, context: "index, \(context)")

                // What check rejected goes; the rest must index as check said.
                let invalid = Set(rejected.map(\.file))
                for path in invalid { try kb.remove(path) }
                refused += invalid.count
                accepted += mutants.count - invalid.count
                let left = Self.diagnostics { try index.refresh() }
                #expect(left.isEmpty, "\(context): check accepted what index refused: \(left.prefix(3))")
                if batch % 5 == 0 { _ = try exporter.export(to: kb.root + "/site") }
                for path in mutants.keys where !invalid.contains(path) { try kb.remove(path) }
            }
            print("ArticleFuzzTests: \(accepted) mutants accepted, \(refused) refused with diagnostics")
            #expect(accepted + refused == Self.batches * Self.mutantsPerBatch)
        }

        /// The diagnostics `body` throws; anything else thrown is a recorded issue.
        static func diagnostics(_ body: () throws -> Void) -> [Diagnostic] {
            do {
                try body()
                return []
            } catch let failure as ValidationFailure {
                return failure.diagnostics
            } catch {
                Issue.record("not a ValidationFailure: \(error)")
                return []
            }
        }

        /// Every diagnostic names a mutant written this batch and a line within it.
        static func expectNamed(_ diagnostics: [Diagnostic], in mutants: [String: [UInt8]], context: String) {
            for diagnostic in diagnostics {
                guard let bytes = mutants[diagnostic.file] else {
                    Issue.record("\(context): names no mutant: \(diagnostic)")
                    continue
                }
                let lines = bytes.lineStarts.count - (bytes.last == UInt8(ascii: "\n") ? 0 : 1)
                #expect((1...lines).contains(diagnostic.line), "\(context): line out of the file: \(diagnostic)")
                #expect(!diagnostic.message.isEmpty, "\(context)")
            }
        }

        /// The real tags and articles, with the demo directories they name.
        static func copyOfRealKnowledgeBase() throws -> TemporaryKnowledgeBase {
            let real = Repository.root
            let tags = try String(contentsOfFile: real + "/Content/tags.yml", encoding: .utf8)
            let kb = try TemporaryKnowledgeBase(tags: tags)
            let names = try FileManager.default.contentsOfDirectory(atPath: real + "/Content/go")
            for name in names where name.hasSuffix(".md") {
                try kb.write("Content/go/" + name, Data(contentsOf: URL(fileURLWithPath: real + "/Content/go/" + name)))
            }
            try FileManager.default.removeItem(atPath: kb.root + "/Demos")
            try FileManager.default.createSymbolicLink(atPath: kb.root + "/Demos", withDestinationPath: real + "/Demos")
            return kb
        }
    }
}

/// One way of damaging an article's bytes.
enum Mutation: CaseIterable {
    case flipBytes, truncate, duplicateLines, deleteLines, deepNesting, oddYAML, invalidUTF8, nul, hugeLine, crlf

    static func random(using random: inout SplitMix64) -> Mutation { allCases.randomElement(using: &random)! }

    func apply(to bytes: inout [UInt8], using random: inout SplitMix64) {
        switch self {
        case .flipBytes:
            for _ in 0...Int.random(in: 0...8, using: &random) where !bytes.isEmpty {
                bytes[Int.random(in: bytes.indices, using: &random)] ^= UInt8.random(in: 1...255, using: &random)
            }
        case .truncate:
            bytes.removeLast(Int.random(in: 0...bytes.count, using: &random))
        case .duplicateLines:
            let starts = bytes.lineStarts
            let first = Int.random(in: 0..<(starts.count - 1), using: &random)
            let last = min(starts.count - 1, first + Int.random(in: 1...20, using: &random))
            let copy = bytes[starts[first]..<starts[last]]
            bytes.insert(contentsOf: copy, at: starts.randomElement(using: &random)!)
        case .deleteLines:
            let starts = bytes.lineStarts
            let first = Int.random(in: 0..<(starts.count - 1), using: &random)
            let last = min(starts.count - 1, first + Int.random(in: 1...5, using: &random))
            bytes.removeSubrange(starts[first]..<starts[last])
        case .deepNesting:
            let depth = Int.random(in: 20...2_000, using: &random)
            let unit = ["> ", "- ", "1. ", "**", "_", "![", "[", "* "].randomElement(using: &random)!
            var line = String(repeating: unit, count: depth) + "deep"
            if unit.hasSuffix("[") { line += String(repeating: "](x.md)", count: depth) }
            if unit == "**" || unit == "_" { line += String(repeating: unit, count: depth) }
            insertLine(line, into: &bytes, using: &random)
        case .oddYAML:
            let depth = Int.random(in: 1...2_000, using: &random)
            let yaml = [
                "tags: &a [map, *a]", "title: !!binary AAAA", "<<: *nothing", "? [complex, key]\n: value",
                "title: " + String(repeating: "[", count: depth) + String(repeating: "]", count: depth),
                "aliases: " + String(repeating: "{a: ", count: depth) + "b" + String(repeating: "}", count: depth),
                "summary: " + String(repeating: "- ", count: depth) + "x", "kind: 1e400", "title:", "\ttabbed: x",
                "%YAML 1.1", "---", "...", "summary: \"unterminated", "tags: [map, map, map]",
                "expect: [\"leaky.after.x >= 1e309\"]",
                "related: [" + String(repeating: "nil-map, ", count: depth) + "]",
                String(repeating: "k", count: depth * 50) + ": v",
            ].randomElement(using: &random)!
            let starts = bytes.lineStarts
            let line = min(starts.count - 1, Int.random(in: 1...8, using: &random))  // in or near the front matter
            bytes.insert(contentsOf: (yaml + "\n").utf8, at: starts[line])
        case .invalidUTF8:
            for _ in 0...Int.random(in: 0...3, using: &random) {
                let offset = Int.random(in: 0...bytes.count, using: &random)
                bytes.insert(UInt8.random(in: 0x80...0xFF, using: &random), at: offset)
            }
        case .nul:
            bytes.insert(0, at: Int.random(in: 0...bytes.count, using: &random))
        case .hugeLine:
            let length = Int.random(in: 1_000...100_000, using: &random)
            let word = ["goroutine ", "x", "`", "*", "<div>", "[a](b) ", "€"].randomElement(using: &random)!
            insertLine(String(repeating: word, count: length / word.utf8.count), into: &bytes, using: &random)
        case .crlf:
            let every = Bool.random(using: &random)
            var result: [UInt8] = []
            var previous = 0
            for start in bytes.lineStarts.dropFirst() where start > 0 && bytes[start - 1] == UInt8(ascii: "\n") {
                result += bytes[previous..<(start - 1)]
                result += every || Bool.random(using: &random) ? [0x0D, 0x0A] : [0x0A]
                previous = start
            }
            bytes = result + bytes[previous...]
        }
    }

    private func insertLine(_ line: String, into bytes: inout [UInt8], using random: inout SplitMix64) {
        bytes.insert(contentsOf: (line + "\n").utf8, at: bytes.lineStarts.randomElement(using: &random)!)
    }
}

extension [UInt8] {
    /// Where each line starts, then the end: line i is `starts[i]..<starts[i + 1]`.
    /// Found with memchr: these loops run over megabytes in a debug build.
    var lineStarts: [Int] {
        var starts = [0]
        withUnsafeBufferPointer { buffer in
            guard let base = buffer.baseAddress else { return }
            var offset = 0
            while offset < buffer.count, let found = memchr(base + offset, 0x0A, buffer.count - offset) {
                offset = base.distance(to: found.assumingMemoryBound(to: UInt8.self)) + 1
                if offset < buffer.count { starts.append(offset) }
            }
        }
        starts.append(count)
        return starts
    }
}
