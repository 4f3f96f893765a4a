import Foundation
import SwiftProtobuf
import Testing
@testable import LeakKBDiagnosis
@testable import LeakKBModel
@testable import LeakKBProfiles

/// Heap and allocs profiles as evidence: allocation sites grouped with their
/// live bytes and objects, scored by `heap:` signatures, suspect from a
/// threshold of live (grown) bytes; what cannot be compared is refused.
@Suite(.timeLimit(.minutes(2))) struct HeapEvidenceTests {
    static let buffers = SignedPattern(
        slug: "buffers", title: "Buffers kept",
        signatures: [Signature(states: [], frames: [], heap: ["^main\\.retainBuffers$", "^main\\.main$"])])
    static let senders = SignedPattern(
        slug: "senders", title: "Senders", signatures: [Signature(states: ["chan send"], frames: [], heap: [])])

    @Test(arguments: GoFixture.toolchains) func heapAndAllocsProfilesNameTheirSite(toolchain: String) throws {
        let real = try RealProfiles(toolchain: toolchain)
        defer { real.directory.remove() }
        for file in ["heap.pb.gz", "allocs.pb.gz"] {
            let report = try Diagnosis.diagnose(.file(real.path(file)), patterns: [Self.buffers, Self.senders])
            #expect(report.format == .heapPprof && report.evidence == [.heap])
            #expect(report.goroutines == 0 && report.base == nil)
            let suspect = try #require(report.suspects.first)
            #expect(report.suspects.count == 1)
            #expect(suspect.evidence == .heap)
            // The 64 buffers, and now and then (Go 1.22) one small object the runtime made
            // inside that allocation and charged to the same line.
            #expect((64...65).contains(suspect.count))
            #expect((RealProfiles.retainedBytes...(RealProfiles.retainedBytes + 512)).contains(suspect.bytes ?? 0))
            #expect(suspect.bytesGrowth == nil)
            #expect(suspect.frames.first?.function == "main.retainBuffers")
            #expect(suspect.userFrame?.function == "main.retainBuffers")
            let match = try #require(suspect.matches.first)
            #expect(match.slug == "buffers" && match.score == 1)
            #expect(match.reasons.first == "allocation frame main.retainBuffers matches /^main\\.retainBuffers$/")
            // The evidence is the listing's header and the matched frames' lines.
            #expect(match.evidence.first?.text == "4.0 MiB in \(suspect.count) objects")
            #expect(match.evidence.dropFirst().first?.text.hasPrefix("    main.retainBuffers ") == true)
            #expect((report.heapBytes ?? 0) >= RealProfiles.retainedBytes)
            // Goroutine signatures play no part in heap evidence.
            #expect(!report.groups.contains { $0.matches.contains { $0.slug == "senders" } })
            // Above the threshold nothing is suspect; the site still ranks first by its bytes.
            let strict = try Diagnosis.diagnose(
                .file(real.path(file)), patterns: [Self.buffers], minimumBytes: (suspect.bytes ?? 0) + 1)
            #expect(strict.suspects.isEmpty)
            #expect(strict.groups.first?.frames.first?.function == "main.retainBuffers")
        }
    }

    @Test(arguments: GoFixture.toolchains) func againstItselfNothingGrew(toolchain: String) throws {
        let real = try RealProfiles(toolchain: toolchain)
        defer { real.directory.remove() }
        let report = try Diagnosis.diagnose(
            .file(real.path("heap.pb.gz")), base: .file(real.path("allocs.pb.gz")), patterns: [Self.buffers])
        #expect(report.suspects.isEmpty)
        #expect(report.baseHeapBytes != nil)
        // Every site, whatever the profile holds: when a GC lands between the writer's two
        // profiles, a site can be in one and not the other (CI once saw the 64 buffers missing).
        #expect(!report.groups.isEmpty)
        for site in report.groups {
            #expect(site.bytesGrowth == 0 && site.growth == 0, "\(site.lines.first?.text ?? "")")
            #expect(site.baseBytes == site.bytes && site.baseCount == site.count)
        }
    }

    @Test(arguments: GoFixture.toolchains) func aBaseOfAnotherKindIsRefused(toolchain: String) throws {
        let real = try RealProfiles(toolchain: toolchain)
        defer { real.directory.remove() }
        #expect {
            try Diagnosis.diagnose(
                .file(real.path("heap.pb.gz")), base: .file(real.path("goroutine.pb.gz")), patterns: [Self.buffers])
        } throws: { error in
            "\(error)"
                == real.path("goroutine.pb.gz") + ": is goroutines evidence but " + real.path("heap.pb.gz")
                + " is heap evidence; --base takes an earlier snapshot of the same kind"
        }
        #expect {
            try Diagnosis.diagnose(.file(real.path("block.pb.gz")), patterns: [Self.buffers])
        } throws: { error in
            "\(error)".contains("block.pb.gz: is a profile of contentions/count, delay/nanoseconds; diagnose reads")
        }
    }

    @Test func theCommandReportsHeapSitesAndTakesMinBytes() async throws {
        let real = try RealProfiles(toolchain: GoFixture.toolchains[0])
        defer { real.directory.remove() }
        let article = TemporaryKnowledgeBase.article(
            title: "Buffers kept", kind: "retention", tags: "[slice]",
            extra: "signatures:\n  - heap: [\"^main\\\\.retainBuffers$\"]")
        let kb = try TemporaryKnowledgeBase(articles: ["kept": article])
        let found = await InProcessCommand.run(["diagnose", "--root", kb.root, real.path("heap.pb.gz")])
        #expect(found.status == 1, "\(found.stderr)")
        #expect(found.stdout.contains("· heap-pprof · "))
        // 64 buffers, or 65 objects when the runtime charged one of its own to that line (Go 1.22).
        #expect(found.stdout.contains(#/1\. 4\.0 MiB in 6[45] objects  allocated in main\.retainBuffers/#))
        #expect(found.stdout.contains("likely kept  Buffers kept"))
        #expect(found.stdout.contains("allocation frame main.retainBuffers matches /^main\\.retainBuffers$/"))
        let strict = await InProcessCommand.run([
            "diagnose", "--root", kb.root, "--min-bytes", "\(RealProfiles.retainedBytes + 1024)",
            real.path("heap.pb.gz"),
        ])
        #expect(strict.status == 0)
        #expect(strict.stdout.contains("No suspects"))
        let refused = await InProcessCommand.run(["diagnose", "--root", kb.root, "--min-bytes", "0", "x"])
        #expect(refused.status == 2 && refused.stderr.contains("--min-bytes must be at least 1"))
    }

    @Test func aHeapProfileWithNoSamplesHasNoGroups() throws {
        var message = Perftools_Profiles_Profile()
        message.stringTable = ["", "alloc_objects", "count", "alloc_space", "bytes", "inuse_objects", "inuse_space"]
        message.sampleType = [(1, 2), (3, 4), (5, 2), (6, 4)].map { (type: Int64, unit: Int64) in
            var value = Perftools_Profiles_ValueType()
            value.type = type
            value.unit = unit
            return value
        }
        let bytes: [UInt8] = try message.serializedBytes()
        let report = try Diagnosis.diagnose(.text(bytes, name: "empty.pb"), patterns: [Self.buffers])
        #expect(report.format == .heapPprof)
        #expect(report.groups.isEmpty && report.suspects.isEmpty)
        #expect(report.heapBytes == 0)
    }

    @Test func theReportEncodesHeapFields() throws {
        let frame = StackFrame(function: "main.keep", location: "/src/app/main.go:9", inputLine: 2)
        let lines = [NumberedLine(line: 1, text: "2.0 MiB in 4 objects"), NumberedLine(line: 2, text: "    main.keep")]
        let group = GroupReport(
            allocation: [frame], bytes: 2 << 20, objects: 4, base: (1 << 20, 2),
            matches: [PatternMatch(slug: "keep", title: "Keep", score: 1, reasons: [], evidence: lines)], lines: lines,
            minimumBytes: 1 << 20)
        #expect(group.suspect && group.bytesGrowth == 1 << 20 && group.growth == 2)
        // At the threshold a site weighs as ten goroutines.
        #expect(group.suspicion == 10)
        let report = DiagnosisReport(
            input: "heap.pb.gz", format: .heapPprof, base: "before.pb.gz", toolchain: nil, goroutines: 0,
            baseGoroutines: nil, truncated: false, groups: [group], evidence: [.heap], heapBytes: 2 << 20,
            baseHeapBytes: 1 << 20)
        let json = try #require(
            try JSONSerialization.jsonObject(with: JSONEncoder().encode(report)) as? [String: Any])
        #expect(json["evidence"] as? [String] == ["heap"])
        #expect(json["heap_bytes"] as? Int == 2 << 20 && json["base_heap_bytes"] as? Int == 1 << 20)
        let first = try #require((json["groups"] as? [[String: Any]])?.first)
        #expect(first["evidence"] as? String == "heap")
        #expect(first["bytes"] as? Int == 2 << 20 && first["base_bytes"] as? Int == 1 << 20)
        #expect(first["bytes_growth"] as? Int == 1 << 20)
        #expect(try JSONDecoder().decode(DiagnosisReport.self, from: JSONEncoder().encode(report)) == report)
    }

    @Test func byteCountsReadAsPeopleWriteThem() {
        #expect(ByteCount(0).description == "0 B")
        #expect(ByteCount(1023).description == "1023 B")
        #expect(ByteCount(1536).description == "1.5 KiB")
        #expect(ByteCount(4 << 20).description == "4.0 MiB")
        #expect(ByteCount(3 << 20, signed: true).description == "+3.0 MiB")
        #expect(ByteCount(-512, signed: true).description == "-512 B")
        #expect(ByteCount(.min).description.hasPrefix("-8.0 EiB"))
    }
}
