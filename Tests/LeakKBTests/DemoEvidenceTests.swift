import Foundation
import Testing
@testable import LeakKB
@testable import LeakKBDemos
@testable import LeakKBModel
@testable import LeakKBSystem

/// `leakkb demo SLUG --evidence DIR`: a real demo, built with the bootstrapped Go, writes
/// each variant's goroutine dumps and heap profiles (Demos/PROTOCOL.md, "Evidence").
@Suite(.serialized) struct DemoEvidenceTests {
    static let slug = "goroutine-blocked-send"
    static let files = [
        "goroutine-debug2.txt", "goroutine-debug1.txt", "goroutine.pb.gz", "heap-before.pb.gz", "heap-after.pb.gz",
    ]

    let kb: TemporaryKnowledgeBase
    let toolchain: Toolchain

    init() async throws {
        kb = try TemporaryKnowledgeBase(
            goroutineLeakDemo: Self.slug, claims: ["leaky.after.goroutines >= 10 * fixed.after.goroutines"])
        try kb.copyRealDemos(["go.mod", "internal", Self.slug])
        try kb.shareGoBuildCache()
        toolchain = try await GoLanguage().toolchain(explicit: nil, root: Repository.root, environment: [:])
    }

    func knowledgeBase() throws -> KnowledgeBase {
        let index = try kb.index()
        try index.refresh()
        return KnowledgeBase(index: index)
    }

    @Test func eachVariantWritesItsEvidenceUnderTheToolchain() async throws {
        let evidence = kb.root + "/evidence"
        let report = try await knowledgeBase().runDemo(
            Self.slug, on: toolchain, scale: 20, timeout: .seconds(60), evidence: evidence)
        #expect(report.passed)
        let directory = "\(evidence)/\(toolchain.version)"
        for variant in Variant.allCases {
            for file in Self.files {
                let path = "\(directory)/\(variant.rawValue)-\(file)"
                let bytes = try FileSystem.read(path)
                #expect(!bytes.isEmpty, "\(path) is empty")
                if file.hasSuffix(".gz") {
                    #expect(try Self.gunzip(path) > 0, "\(path) does not gunzip")
                }
            }
            let dump = String(
                decoding: try FileSystem.read("\(directory)/\(variant.rawValue)-goroutine-debug2.txt"), as: UTF8.self)
            #expect(dump.hasPrefix("goroutine "))
            let profile = String(
                decoding: try FileSystem.read("\(directory)/\(variant.rawValue)-goroutine-debug1.txt"), as: UTF8.self)
            #expect(profile.hasPrefix("goroutine profile: total "))
        }
        // The leaky variant's 20 blocked senders are in its dump and nowhere in the fixed one's.
        let leaky = String(decoding: try FileSystem.read("\(directory)/leaky-goroutine-debug2.txt"), as: UTF8.self)
        let fixed = String(decoding: try FileSystem.read("\(directory)/fixed-goroutine-debug2.txt"), as: UTF8.self)
        #expect(Self.blockedSenders(in: leaky) == 20)
        #expect(Self.blockedSenders(in: fixed) == 0)
        // No temporary file is left behind.
        #expect(FileSystem.entries(of: directory).allSatisfy { !$0.name.hasPrefix(".") })
    }

    @Test func anEvidencePathThatIsAFileIsAClearError() async throws {
        try kb.write("taken", "a file, not a directory")
        do {
            _ = try await knowledgeBase().runDemo(Self.slug, on: toolchain, scale: 20, evidence: kb.root + "/taken")
            Issue.record("expected an error")
        } catch let error as FileError {
            #expect(error.path == kb.root + "/taken/\(toolchain.version)")
            #expect(error.description.lowercased().contains("not a directory"))
        }
    }

    /// Goroutines blocked sending, whether or not Go 1.27's leak detector marked them.
    static func blockedSenders(in dump: String) -> Int {
        dump.split(separator: "\n").filter { $0.hasPrefix("goroutine ") && $0.contains("[chan send") }.count
    }

    /// The size of `path` decompressed by the system's gzip, which fails on anything but whole gzip data.
    static func gunzip(_ path: String) throws -> Int {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/gzip")
        process.arguments = ["-dc", path]
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return process.terminationStatus == 0 ? data.count : 0
    }
}
