import Foundation
import SwiftProtobuf
import Testing
@testable import LeakKB
@testable import LeakKBCatalog
@testable import LeakKBDiagnosis
@testable import LeakKBModel
@testable import LeakKBProfiles

/// The catalogue's `heap:` signatures. On allocation stacks shaped as a real
/// service's heap profile shows them (standard library and client_golang
/// functions over the program's own), each names its pattern among the first
/// three; on the demos' own heap profiles, where the retained memory sits
/// under the demo's code alone, the fixed variants name nothing and the
/// leaky ones name no wrong pattern.
@Suite(.timeLimit(.minutes(2))) struct HeapSignatureTests {
    static let knowledgeBase: KnowledgeBase = try! KnowledgeBase.open(root: Repository.root) { _ in }

    /// Allocation stacks, top first, that each pattern leaves in a real heap profile.
    static let shapes: [(slug: String, stack: [String])] = [
        ("file-not-closed", ["os.newFile", "os.openFileNolog", "os.OpenFile", "os.Open", "example.com/app.load"]),
        ("defer-in-loop", ["os.newFile", "os.openFileNolog", "os.OpenFile", "os.Open", "example.com/app.sizes"]),
        (
            "pool-keeps-huge-buffers",
            ["bytes.growSlice", "bytes.(*Buffer).grow", "bytes.(*Buffer).Write", "example.com/app.render"]
        ),
        (
            "unbounded-metric-label-cardinality",
            [
                "github.com/prometheus/client_golang/prometheus.newHistogram",
                "github.com/prometheus/client_golang/prometheus.NewHistogramVec.func1",
                "github.com/prometheus/client_golang/prometheus.(*metricMap).getOrCreateMetricWithLabelValues",
                "github.com/prometheus/client_golang/prometheus.(*MetricVec).GetMetricWithLabelValues",
                "example.com/app.observe",
            ]
        ),
        (
            "substring-retains-string",
            ["strings.(*Builder).grow", "strings.(*Builder).WriteString", "example.com/app.parse"]
        ),
        ("subslice-retains-array", ["io.ReadAll", "example.com/app.readMessage"]),
        (
            "unbounded-cache",
            [
                "internal/sync.newEntryNode[go.shape.interface {},go.shape.interface {}]", "sync.(*Map).LoadOrStore",
                "example.com/app.(*renderer).cached",
            ]
        ),
    ]

    /// A heap profile (as runtime/pprof encodes one) with `bytes` live at each stack.
    static func heapProfile(_ sites: [(stack: [String], bytes: Int64)]) throws -> [UInt8] {
        var message = Perftools_Profiles_Profile()
        var strings = ["", "alloc_objects", "count", "alloc_space", "bytes", "inuse_objects", "inuse_space"]
        func string(_ text: String) -> Int64 {
            if let index = strings.firstIndex(of: text) { return Int64(index) }
            strings.append(text)
            return Int64(strings.count - 1)
        }
        message.sampleType = [(1, 2), (3, 4), (5, 2), (6, 4)].map { (type: Int64, unit: Int64) in
            var value = Perftools_Profiles_ValueType()
            value.type = type
            value.unit = unit
            return value
        }
        var ids: [String: UInt64] = [:]
        for (stack, bytes) in sites {
            var sample = Perftools_Profiles_Sample()
            for function in stack {
                let id = ids[function] ?? UInt64(ids.count + 1)
                if ids[function] == nil {
                    ids[function] = id
                    var entry = Perftools_Profiles_Function()
                    entry.id = id
                    entry.name = string(function)
                    entry.filename = string("/src/" + function.prefix { $0 != "." } + "/x.go")
                    message.function.append(entry)
                    var location = Perftools_Profiles_Location()
                    location.id = id
                    var line = Perftools_Profiles_Line()
                    line.functionID = id
                    line.line = 10
                    location.line = [line]
                    message.location.append(location)
                }
                sample.locationID.append(id)
            }
            sample.value = [1, bytes, 1, bytes]
            message.sample.append(sample)
        }
        message.stringTable = strings
        return try message.serializedBytes()
    }

    @Test(arguments: shapes.map(\.slug)) func aRealShapeNamesItsPatternInTheFirstThree(slug: String) throws {
        let shape = try #require(Self.shapes.first { $0.slug == slug })
        let ordinary = ["example.com/app.(*cache).put", "example.com/app.serve"]
        let before = try Self.heapProfile([(shape.stack, 4096), (ordinary, 4096)])
        let after = try Self.heapProfile([(shape.stack, 8 << 20), (ordinary, 8 << 20)])
        let report = try Self.knowledgeBase.diagnose(
            .text(after, name: "after.pb"), base: .text(before, name: "before.pb"))
        let suspect = try #require(report.suspects.first)
        #expect(report.suspects.count == 1)
        #expect(suspect.frames.map(\.function) == shape.stack)
        #expect(suspect.matches.prefix(3).contains { $0.slug == slug }, "\(suspect.matches.map(\.slug))")
        // Memory at the program's own code alone names no pattern.
        let plain = try #require(report.groups.first { $0.frames.first?.function == ordinary[0] })
        #expect(plain.matches.isEmpty && !plain.suspect)
    }

    @Test func aHeapRegexThatDoesNotCompileNamesItsLine() throws {
        let article = TemporaryKnowledgeBase.article(
            kind: "retention", tags: "[map]", extra: "signatures:\n  - heap: [\"^os\\\\.newFile$\", \"(unclosed\"]")
        let kb = try TemporaryKnowledgeBase(articles: ["x": article])
        #expect {
            try Catalog.load(root: kb.root)
        } throws: { error in
            ((error as? ValidationFailure)?.diagnostics ?? []).map(\.description).contains {
                $0.hasPrefix("Content/go/x.md:10: signature heap regex '(unclosed': does not compile")
            }
        }
    }

    static var demoCases: [(String, String)] {
        ["go1.27.3", "go1.22.10"].flatMap { toolchain in
            let directory = Repository.fixtures + "/evidence-heap/" + toolchain
            let slugs = (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []
            return slugs.sorted().map { (toolchain, $0) }
        }
    }

    @Test(arguments: demoCases) func demoHeapsNameNoWrongPattern(toolchain: String, slug: String) throws {
        let directory = Repository.fixtures + "/evidence-heap/\(toolchain)/\(slug)/"
        let version = GoVersion(toolchain)
        let fixed = try Self.knowledgeBase.diagnose(
            .file(directory + "fixed-heap-after.pb.gz"), base: .file(directory + "fixed-heap-before.pb.gz"),
            toolchain: version)
        #expect(fixed.suspects.isEmpty, "\(fixed.suspects.map { $0.matches.map(\.slug) })")
        let leaky = try Self.knowledgeBase.diagnose(
            .file(directory + "leaky-heap-after.pb.gz"), base: .file(directory + "leaky-heap-before.pb.gz"),
            toolchain: version)
        #expect(leaky.evidence == [.heap] && (leaky.heapBytes ?? 0) > (leaky.baseHeapBytes ?? 0))
        for suspect in leaky.suspects {
            #expect(suspect.matches.first?.slug == slug, "\(suspect.matches.map(\.slug))")
        }
    }
}
