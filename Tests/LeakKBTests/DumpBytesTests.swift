import Foundation
import Testing
@testable import LeakKBDiagnosis
@testable import LeakKBProfiles

/// The text path reads dumps as bytes and keys groups by bytes: what that
/// must not change (keys, text that is not ASCII, lines across the reader's
/// chunks) and what it must not let through (counts and waits that overflow).
@Suite struct DumpBytesTests {
    func snapshot(_ text: String, format: EvidenceFormat? = nil) throws(EvidenceError) -> Diagnosis.Snapshot {
        try Diagnosis.read(.text(Array(text.utf8), name: "input"), format: format)
    }

    /// A group found from a dump's bytes has the key its record would have:
    /// a profile's stacks (records) and a dump's (bytes) diff against each other.
    @Test func keysFromBytesEqualKeysFromRecords() throws {
        let text = """
            goroutine 5 [chan send, 3 minutes, locked to thread]{"worker":"a"}:
            main.send(0x1)
            \t/src/app/main.go:10 +0x1d
            main.run(...)
            \t/src/app/main.go:20
            created by main.main in goroutine 1
            \t/src/app/main.go:5 +0x2f

            goroutine 6 [select]:
            main.loop()

            """
        let dump = try snapshot(text)
        #expect(dump.table.groups.count == 2)
        for (key, group) in dump.table.keyedGroups {
            let record = GoroutineRecord(
                id: nil, count: 1, wait: group.wait, labels: group.labels, frames: group.frames, creator: group.creator,
                headerLine: 0)
            #expect(GroupKey(record) == key)
        }
        let first = try #require(dump.table.groups.first)
        #expect(first.wait == WaitState(state: "chan send", minutes: 3, lockedToThread: true))
        #expect(first.labels == "{\"worker\":\"a\"}")
        #expect(first.frames.map(\.location) == ["/src/app/main.go:10", "/src/app/main.go:20"])
        #expect(first.creator == StackFrame(function: "main.main", location: "/src/app/main.go:5", inputLine: 6))
        #expect(dump.table.groups.last?.frames == [StackFrame(function: "main.loop", location: "", inputLine: 10)])
    }

    /// Fields that differ only where one ends and the next begins are different groups.
    @Test func fieldBoundariesTellGroupsApart() throws {
        let text = """
            goroutine 1 [select]:
            main.ab()
            \t/x.go:1

            goroutine 2 [select]:
            main.a()
            \tb()/x.go:1

            """
        #expect(try snapshot(text).table.groups.count == 2)
    }

    @Test func textBeyondASCIIIsKeptWhole() throws {
        let text = "goroutine 1 [chan send]:\nmain.größe(0x1)\n\t/home/dév/main.go:3 +0x1\n"
        let frame = try #require(snapshot(text).table.groups.first?.frames.first)
        #expect(frame.function == "main.größe")
        #expect(frame.location == "/home/dév/main.go:3")
        // Bytes that are not UTF-8 are read as U+FFFD, never trapped on.
        var bytes = Array("goroutine 1 [chan send]:\nmain.f".utf8)
        bytes += [0xFF, 0xC3] + Array("(0x1)\n\t/a.go:1\n".utf8)
        let broken = try Diagnosis.read(.text(bytes, name: "input"), format: nil)
        #expect(broken.table.groups.first?.frames.first?.function == "main.f\u{FFFD}\u{FFFD}")
    }

    /// Numbers from the input never trap: a count past Int.max or a sum of
    /// two huge ones is held at Int.max, an absurd wait at the longest wait.
    @Test func hugeCountsAndWaitsDoNotOverflow() throws {
        let profile = try snapshot(
            """
            goroutine profile: total 9223372036854775807
            9223372036854775807 @ 0x1
            #\t0x1\tmain.a+0x1\t/a.go:1

            9223372036854775807 @ 0x2
            #\t0x2\tmain.b+0x1\t/b.go:1

            9223372036854775807 @ 0x2
            #\t0x2\tmain.b+0x1\t/b.go:1

            """)
        #expect(profile.goroutines == Int.max)
        #expect(profile.table.groups.map(\.count) == [Int.max, Int.max])
        #expect(throws: EvidenceError.self) { try snapshot("goroutine profile: total 1\n99999999999999999999 @ 0x1\n") }
        let dump = try snapshot(
            "goroutine 1 [chan send, 99999999999999999999 minutes]:\nmain.f()\n"
                + "goroutine 2 [chan send, 9223372036854775807 minutes]:\nmain.f()\n")
        let group = try #require(dump.table.groups.first)
        #expect(group.count == 2 && group.longestWait == WaitState.longestWait)
        let report = GroupReport(group, baseCount: nil, matches: [])
        #expect(report.waitMinutes == WaitState.longestWait)
    }

    /// Lines cut by the reader's chunks, a CR before a newline on a chunk's
    /// edge, and a last line with no newline read as any others.
    @Test func linesAcrossChunksReadWhole() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("chunks-\(UUID().uuidString).txt").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        var text = ""
        var id = 0
        while text.utf8.count < 3 * LineReader.chunkSize {
            id += 1
            let padding = String(repeating: "x", count: id % 97)
            text += "goroutine \(id) [chan send]:\r\nmain.f\(padding)(0x\(id))\r\n\t/a.go:\(id % 3) +0x1\r\n\r\n"
        }
        text += "goroutine \(id + 1) [select]:\nmain.g()"
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        let dump = try Diagnosis.read(.file(path), format: nil)
        #expect(dump.goroutines == id + 1)
        let functions = Set(dump.table.groups.flatMap { $0.frames.map(\.function) })
        #expect(functions.count == 98)
        #expect(
            functions.allSatisfy {
                $0 == "main.g" || $0.hasPrefix("main.f") && $0.dropFirst(6).allSatisfy { $0 == "x" }
            })
        #expect(dump.table.groups.allSatisfy { $0.frames.allSatisfy { !$0.location.hasSuffix("\r") } })
        #expect(dump.table.groups.map(\.count).reduce(0, +) == id + 1)
    }
}
