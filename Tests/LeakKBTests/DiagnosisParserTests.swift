import Foundation
import Testing
@testable import LeakKBDiagnosis

/// The goroutine evidence readers, on real dumps from both toolchains and
/// on hand-written and hostile inputs.
@Suite struct DiagnosisParserTests {
    static let dumps = Repository.fixtures + "/dumps/"

    func snapshot(_ file: String, format: EvidenceFormat? = nil) throws -> Diagnosis.Snapshot {
        try Diagnosis.read(.file(Self.dumps + file), format: format)
    }

    func snapshot(text: String, format: EvidenceFormat? = nil) throws(EvidenceError) -> Diagnosis.Snapshot {
        try Diagnosis.read(.text(Array(text.utf8), name: "input"), format: format)
    }

    func error(_ text: String, format: EvidenceFormat? = nil) -> String? {
        do {
            _ = try snapshot(text: text, format: format)
            return nil
        } catch {
            return error.description
        }
    }

    func group(_ snapshot: Diagnosis.Snapshot, state: String) -> GoroutineGroup? {
        snapshot.table.groups.first { $0.wait.state == state }
    }

    @Test(arguments: ["1.22", "1.27"])
    func debug2DumpGroupsByStateAndFrames(version: String) throws {
        let dump = try snapshot("go\(version)-debug2.txt")
        #expect(dump.format == .goroutineDump)
        #expect(dump.goroutines == 10)
        #expect(dump.table.groups.count == 8)
        let send = try #require(group(dump, state: "chan send"))
        #expect(send.count == 3)
        #expect(send.ids.count == 3)
        #expect(send.userFrame?.function == "main.blockedSend")
        #expect(send.creator?.function == "main.main")
        #expect(send.creator?.location == "/tmp/dumpgen/main.go:47")
        #expect(group(dump, state: "chan receive (nil chan)")?.userFrame?.function == "main.nilReceive")
        #expect(group(dump, state: "select (no cases)") != nil)
        let sleeper = try #require(group(dump, state: "sleep"))
        #expect(sleeper.wait.lockedToThread)
        #expect(sleeper.frames.first?.isStandardLibrary == true)
        #expect(sleeper.userFrame?.function == "main.lockedSleeper")
        // Go 1.22 and 1.27 spell the same wait differently.
        let waitGroup = try #require(group(dump, state: version == "1.22" ? "semacquire" : "sync.WaitGroup.Wait"))
        #expect(waitGroup.userFrame?.function == "main.waitGroupWait")
        #expect(waitGroup.frames.contains { $0.function == "sync.(*WaitGroup).Wait" })
    }

    @Test(arguments: ["1.22", "1.27"])
    func debug1ProfileKeepsCountsLabelsAndInfersStates(version: String) throws {
        let profile = try snapshot("go\(version)-debug1.txt")
        #expect(profile.format == .goroutineProfile)
        #expect(profile.goroutines == 10)
        let send = try #require(profile.table.groups.first { $0.frames.first?.function == "main.blockedSend" })
        #expect(send.count == 3)
        #expect(send.frames.first?.location == "/tmp/dumpgen/main.go:14")
        let loop = try #require(profile.table.groups.first { $0.frames.first?.function == "main.selectLoop" })
        #expect(loop.labels == "{\"worker\":\"ticker\"}")
        let waitGroup = try #require(profile.table.groups.first { $0.userFrame?.function == "main.waitGroupWait" })
        #expect(waitGroup.wait.state == (version == "1.22" ? "semacquire" : "sync.WaitGroup.Wait"))
    }

    @Test(arguments: ["go1.22-panic.txt", "go1.27-panic.txt", "go1.22-sigquit.txt", "go1.27-sigquit.txt"])
    func tracebacksAfterAPanicOrSignal(file: String) throws {
        let dump = try snapshot(file)
        #expect(dump.format == .goroutineDump)
        #expect(group(dump, state: "chan send")?.count == 3)
        if file.contains("sigquit") {
            // GOTRACEBACK=all headers carry gp=, m= and mp= before the brackets.
            #expect(group(dump, state: "idle") != nil)
            #expect(dump.goroutines > 10)
        } else {
            #expect(group(dump, state: "running")?.frames.first?.function == "main.main")
        }
    }

    @Test(arguments: ["1.22", "1.27"])
    func testTimeoutDumpStopsAtTheFailLine(version: String) throws {
        let dump = try snapshot("go\(version)-timeout.txt")
        #expect(dump.goroutines == 4)
        let send = try #require(group(dump, state: "chan send"))
        #expect(send.userFrame?.function == "example.com/dumpgen.blockedSend")
        #expect(send.creator?.function == "example.com/dumpgen.TestHangs")
        #expect(send.frames.count == 1)
    }

    @Test func goleakOutputInsideTestOutput() throws {
        let report = try snapshot("goleak.txt")
        #expect(report.format == .goleak)
        #expect(report.goroutines == 2)
        let send = try #require(group(report, state: "chan send"))
        #expect(send.frames.map(\.location) == ["/home/dev/app/main.go:14"])
        #expect(send.creator?.location == "/home/dev/app/leaks_test.go:18")
        #expect(group(report, state: "chan receive (nil chan)")?.creator?.function == "example.com/app.TestLeaks")
    }

    @Test func waitTimesLockedThreadsCgoLabelsAndUnknownStates() throws {
        let dump = try snapshot("edge-cases.txt")
        // Two senders that differ in arguments, ids and minutes are one group with the longest wait.
        let send = try #require(group(dump, state: "chan send"))
        #expect(send.count == 2)
        #expect(send.longestWait == 15)
        #expect(send.ids == [33, 34])
        let cgo = try #require(group(dump, state: "syscall"))
        #expect(cgo.wait.lockedToThread && cgo.longestWait == 3)
        #expect(cgo.frames.map(\.function) == ["runtime.cgocall", "main._Cfunc_sleep", "main.callC"])
        #expect(cgo.frames[0].location == "/usr/lib/go/src/runtime/cgocall.go:167")
        #expect(cgo.userFrame?.function == "main._Cfunc_sleep")
        #expect(group(dump, state: "frobnicating")?.frames.map(\.function) == ["main.unknownWait"])
        let labelled = try #require(group(dump, state: "select"))
        #expect(labelled.labels == "{\"worker\":\"ticker\"}" && labelled.longestWait == 1)
    }

    @Test func crlfLinesReadAsPlainOnes() throws {
        let text = try String(contentsOfFile: Self.dumps + "go1.27-debug2.txt", encoding: .utf8)
        let crlf = try snapshot(text: text.replacingOccurrences(of: "\n", with: "\r\n"))
        let plain = try snapshot(text: text)
        #expect(crlf.table.groups.map(\.frames) == plain.table.groups.map(\.frames))
        #expect(crlf.table.groups.map(\.wait) == plain.table.groups.map(\.wait))
    }

    @Test func truncatedDumpKeepsWhatItRead() throws {
        let text = try String(contentsOfFile: Self.dumps + "go1.27-debug2.txt", encoding: .utf8)
        let cut = String(text[..<text.range(of: "goroutine 9 [sync.Wait")!.upperBound])
        let dump = try snapshot(text: cut)
        #expect(dump.truncated)
        #expect(dump.goroutines == 6)
        // Cut inside a frame: the function without its location still counts.
        let cutFrame = String(text[..<text.range(of: "main.nilReceive()")!.upperBound])
        let partial = try snapshot(text: cutFrame)
        #expect(group(partial, state: "chan receive (nil chan)")?.frames.first?.location == "")
        #expect(!partial.truncated)
    }

    @Test func formatCanBeForced() throws {
        let text = try String(contentsOfFile: Self.dumps + "go1.27-debug2.txt", encoding: .utf8)
        #expect(try snapshot(text: text, format: .goroutineDump).goroutines == 10)
        #expect(
            error(text, format: .goroutineProfile)
                == "input: line 1: expected 'goroutine profile: total N' (a debug=1 goroutine profile)")
    }

    @Test func unparseableInputNamesTheLine() throws {
        #expect(
            error("hello\nworld\n")
                == "input: line 1: expected \(EvidenceFormat.expectation); found none in 2 lines")
        #expect(error("")?.hasPrefix("input: line 1: expected a goroutine dump") == true)
        #expect(
            error("goroutine 1 [running]:\nmain.main()\n\ngoroutine 2 [chan send\nmain.f()\n")
                == "input: line 4: expected a goroutine header such as 'goroutine 7 [chan send]:', found 'goroutine 2 [chan send'"
        )
        #expect(
            error("goroutine profile: total 1\n1 @ 0x1\n#\t0x1\tmain.f+0x1\t/a.go:1\nsomething else\n")
                == "input: line 4: expected 'COUNT @ ADDRESSES', a '#' frame line under it, or a blank line")
        #expect(error("goroutine profile: total 1\n1 @ 0x1\n#\tjunk\n")?.contains("line 3: expected '#<tab>") == true)
        #expect(try snapshot(text: "goroutine profile: total 0\n").goroutines == 0)
    }

    @Test func binaryAndGzipAreRefusedAtTheirLine() {
        #expect(
            error("goroutine 1 [running]:\nmain.main()\n\u{0}\u{1}\u{2}\n")
                == "input: line 3: binary data (a NUL byte) where text was expected")
        let gzip: [UInt8] = [0x1F, 0x8B, 0x08, 0x00, 0x00, 0x00]
        do {
            _ = try Diagnosis.read(.text(gzip, name: "p.pb.gz"), format: nil)
            Issue.record("a broken gzip stream was accepted")
        } catch {
            // gzip is read as a pprof profile: this one is cut short.
            #expect(error.description == "p.pb.gz: the gzip stream is corrupt (it ends before its last block)")
        }
    }

    /// A 10 MB line is refused once the reader has seen a little over its
    /// limit, not after holding the whole line.
    @Test func aHugeLineIsCutAtTheLimitWithoutBeingHeld() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("huge-\(UUID().uuidString).txt").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        var data = Data("goroutine 1 [running]:\nmain.main()\n".utf8)
        data.append(Data(repeating: UInt8(ascii: "x"), count: 10_000_000))
        try data.write(to: URL(fileURLWithPath: path))
        let descriptor = open(path, O_RDONLY)
        defer { close(descriptor) }
        var reader = LineReader(descriptor: descriptor, name: "huge")
        #expect(try reader.nextLine(\.string) == "goroutine 1 [running]:")
        #expect(try reader.nextLine(\.string) == "main.main()")
        do {
            _ = try reader.nextLine(\.string)
            Issue.record("the 10 MB line was read")
        } catch {
            #expect(error.description == "huge: line 3: a line longer than 1 MiB; dumps and profiles have short lines")
        }
        #expect(reader.bytesRead <= LineReader.maximumLength + 2 * LineReader.chunkSize)
    }

    @Test func unreadablePathsSayWhatToDo() {
        do {
            _ = try Diagnosis.read(.file("/nonexistent/dump.txt"), format: nil)
            Issue.record("a missing file was read")
        } catch {
            #expect(error.description.hasPrefix("/nonexistent/dump.txt: cannot be opened ("))
            #expect(error.exitCode == 2)
        }
        do {
            _ = try Diagnosis.read(.file(Self.dumps), format: nil)
            Issue.record("a directory was read")
        } catch {
            #expect(error.description.hasSuffix("is a directory; pass a goroutine dump or profile file"))
        }
    }

    /// 100,000 goroutines in 7 shapes, written at test time, stream into 7 groups.
    @Test func hundredThousandGoroutines() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("many-\(UUID().uuidString).txt").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        #expect(FileManager.default.createFile(atPath: path, contents: nil))
        let handle = try #require(FileHandle(forWritingAtPath: path))
        let shapes = [
            ("chan send", "main.send"), ("chan receive", "main.receive"), ("chan receive (nil chan)", "main.nilRecv"),
            ("sync.WaitGroup.Wait", "main.wait"), ("sync.Mutex.Lock", "main.lock"), ("sleep", "main.nap"),
            ("select", "main.loop"),
        ]
        var chunk = ""
        for id in 1...100_000 {
            let (state, function) = shapes[id % shapes.count]
            chunk += "goroutine \(id) [\(state), \(id % 60) minutes]:\n\(function)(0x\(String(id, radix: 16)))\n"
            chunk += "\t/src/app/main.go:\(10 + id % shapes.count) +0x1d\ncreated by main.main in goroutine 1\n"
            chunk += "\t/src/app/main.go:5 +0x2f\n\n"
            if id % 5_000 == 0 {
                handle.write(Data(chunk.utf8))
                chunk = ""
            }
        }
        try handle.close()
        let dump = try Diagnosis.read(.file(path), format: nil)
        #expect(dump.goroutines == 100_000)
        #expect(dump.table.groups.count == 7)
        #expect(dump.table.groups.map(\.count).reduce(0, +) == 100_000)
        #expect(dump.table.groups.allSatisfy { $0.longestWait == 59 && $0.ids.count == GoroutineGroup.shownIDs })
    }
}
