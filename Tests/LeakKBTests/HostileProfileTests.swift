import Foundation
import Hummingbird
import SwiftProtobuf
import Testing
@testable import LeakKBModel
@testable import LeakKBProfiles
@testable import LeakKBServer

/// Inputs that are no profile, or a profile built to hurt: each gets a
/// `ProfileError` naming the input, never a crash, a hang or unbounded memory.
@Suite(.timeLimit(.minutes(1))) struct HostileProfileTests {
    private func gzip(_ bytes: [UInt8]) throws -> [UInt8] {
        let compressed = try #require(Gzip.compress(ByteBuffer(bytes: bytes), level: 9))
        return Array(buffer: compressed)
    }

    private func error(_ bytes: [UInt8], reader: ProfileReader = ProfileReader()) -> ProfileError? {
        do {
            _ = try reader.decode(bytes, name: "input.pb.gz")
            return nil
        } catch {
            return error
        }
    }

    @Test func gzipBombIsStoppedAtTheLimit() throws {
        // Sixty-four gzip members of 16 MiB of zeros: 1 GiB from about a MiB.
        let member = try gzip([UInt8](repeating: 0, count: 16 << 20))
        var bomb: [UInt8] = []
        for _ in 0..<64 { bomb += member }
        #expect(bomb.count < 2 << 20)
        let reader = ProfileReader()
        let failure = try #require(error(bomb, reader: reader))
        #expect(failure == .tooLarge(name: "input.pb.gz", limit: reader.maxDecompressedBytes, decompressed: true))
        #expect(failure.description.hasPrefix("input.pb.gz: decompresses to more than 64 MiB"))
        #expect(failure.exitCode == ExitStatus.usage)
    }

    @Test func severalGzipMembersAreOneProfile() throws {
        let profile = SyntheticProfile.goroutines(stacks: 3, framesPerStack: 2)
        let bytes: [UInt8] = try profile.serializedBytes()
        let half = bytes.count / 2
        let joined = try gzip(Array(bytes[..<half])) + gzip(Array(bytes[half...]))
        let read = try ProfileReader().decode(joined, name: "joined")
        #expect(read.goroutineStacks?.count == 3)
    }

    @Test func randomBytesAreRefused() throws {
        var random = SplitMix64.announced(by: "HostileProfileTests")
        for round in 0..<2000 {
            var bytes = (0..<Int.random(in: 1...512, using: &random)).map { _ in
                UInt8.random(in: 0...255, using: &random)
            }
            if round % 2 == 0 { bytes[0] = 0x0a }  // looks like a profile's first field
            if round % 3 == 0 { bytes = try gzip(bytes) }
            if let failure = error(bytes) {
                #expect(failure.description.hasPrefix("input.pb.gz: "))
            }
        }
    }

    @Test func binaryThatIsNoProtocolBufferIsNotAProfile() throws {
        let elf = try [UInt8](Data(contentsOf: URL(fileURLWithPath: "/bin/true")))
        let failure = try #require(error(elf))
        guard case .notAProfile = failure else {
            Issue.record("expected notAProfile, got \(failure)")
            return
        }
    }

    @Test func protocolBuffersOfOtherMessagesAreNotProfiles() throws {
        var timestamp = Google_Protobuf_Timestamp()
        timestamp.seconds = 1_700_000_000
        timestamp.nanos = 5
        var descriptor = Google_Protobuf_FileDescriptorProto()
        descriptor.name = "leakkb.proto"
        descriptor.package = "leakkb"
        var function = Perftools_Profiles_Function()
        function.id = 1
        function.name = 1
        for message in [
            try timestamp.serializedBytes(), try descriptor.serializedBytes(),
            try function.serializedBytes() as [UInt8],
        ] {
            for bytes in [message, try gzip(message)] {
                let failure = try #require(error(bytes))
                #expect(failure.description.hasPrefix("input.pb.gz: not a pprof profile: "), "\(failure)")
            }
        }
    }

    @Test func truncatedProfilesAreRefused() throws {
        let bytes: [UInt8] = try SyntheticProfile.goroutines(stacks: 50, framesPerStack: 8).serializedBytes()
        let cut = Array(bytes[..<(bytes.count * 2 / 3)])
        #expect(error(cut) != nil)
        let gzipped = try gzip(bytes)
        let gzipCut = Array(gzipped[..<(gzipped.count - 10)])
        #expect(error(gzipCut) == .corruptGzip(name: "input.pb.gz", reason: "it ends before its last block"))
    }

    @Test func emptyInputIsNamedAsSuch() throws {
        #expect(error([]) == .empty(name: "input.pb.gz"))
        #expect(error(try gzip([0])) != nil)
        let scratch = try ScratchDirectory()
        defer { scratch.remove() }
        FileManager.default.createFile(atPath: scratch.path + "/empty.pb.gz", contents: Data())
        #expect(throws: ProfileError.empty(name: scratch.path + "/empty.pb.gz")) {
            try ProfileReader().read(path: scratch.path + "/empty.pb.gz")
        }
    }

    @Test func referencesThatDoNotResolveAreRefused() throws {
        var profile = SyntheticProfile.goroutines(stacks: 2, framesPerStack: 2)
        profile.sample[1].locationID.append(999)
        #expect(error(try profile.serializedBytes())?.description.contains("refers to location 999") == true)

        profile = SyntheticProfile.goroutines(stacks: 2, framesPerStack: 2)
        profile.function[0].name = 10_000
        #expect(error(try profile.serializedBytes())?.description.contains("refers to string 10000") == true)

        profile = SyntheticProfile.goroutines(stacks: 2, framesPerStack: 2)
        profile.sample[0].value.append(3)
        #expect(error(try profile.serializedBytes())?.description.contains("has 2 values for 1 sample types") == true)

        profile = SyntheticProfile.goroutines(stacks: 2, framesPerStack: 2)
        profile.location[0].line[0].functionID = 77
        #expect(error(try profile.serializedBytes())?.description.contains("refers to function 77") == true)

        profile = SyntheticProfile.goroutines(stacks: 2, framesPerStack: 2)
        profile.stringTable[0] = "x"
        #expect(
            error(try profile.serializedBytes())?.description.contains("does not start with an empty string") == true)
    }

    @Test func extremeValuesDoNotTrap() throws {
        var profile = SyntheticProfile.goroutines(stacks: 1, framesPerStack: 2)
        profile.sample.append(profile.sample[0])
        profile.sample[0].value = [.max]
        profile.sample[1].value = [.max]
        let read = try ProfileReader().decode(try profile.serializedBytes(), name: "max")
        #expect(read.goroutineCount == .max)
        #expect(read.goroutineStacks?.first?.count == .max)
        var low = profile
        low.sample[0].value = [.min]
        low.sample[1].value = [.min]
        let diff = try ProfileDiff(
            base: try ProfileReader().decode(try low.serializedBytes(), name: "min"), new: read)
        #expect(diff.stacks.first?.delta == [.max])
    }

    @Test func inputPastTheLimitIsNotRead() throws {
        let scratch = try ScratchDirectory()
        defer { scratch.remove() }
        let path = scratch.path + "/big.pb"
        FileManager.default.createFile(atPath: path, contents: Data(repeating: 0x0a, count: 4096))
        let reader = ProfileReader(maxInputBytes: 1024)
        #expect(throws: ProfileError.tooLarge(name: path, limit: 1024, decompressed: false)) {
            try reader.read(path: path)
        }
    }

    @Test func missingFileAndDirectoryAreUnreadable() throws {
        let scratch = try ScratchDirectory()
        defer { scratch.remove() }
        for path in [scratch.path + "/absent.pb.gz", scratch.path] {
            let failure = #expect(throws: ProfileError.self) { try ProfileReader().read(path: path) }
            guard case .unreadable(let name, let reason)? = failure else {
                Issue.record("expected unreadable, got \(String(describing: failure))")
                continue
            }
            #expect(name == path)
            #expect(!reason.isEmpty)
        }
    }

    @Test func profilesAreRecognizedByTheirFirstBytes() throws {
        #expect(ProfileReader.recognizes(prefix: try gzip([1, 2, 3])))
        #expect(
            ProfileReader.recognizes(
                prefix: try SyntheticProfile.goroutines(stacks: 1, framesPerStack: 1).serializedBytes()))
        #expect(!ProfileReader.recognizes(prefix: Array("goroutine 1 [running]:\n".utf8)))
        #expect(!ProfileReader.recognizes(prefix: Array("\ngoroutine 1 [running]:\n".utf8)))
        #expect(!ProfileReader.recognizes(prefix: Array("\n\n".utf8)))
        #expect(!ProfileReader.recognizes(prefix: []))
    }
}
