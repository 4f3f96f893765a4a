import Foundation
import SwiftProtobuf

/// Reads pprof profiles, gzipped or not, from bytes, a file or a file
/// descriptor such as stdin. Whatever the bytes, it answers a `Profile` or a
/// `ProfileError`: never a crash, and never more memory than its limits.
package struct ProfileReader: Sendable {
    /// The most bytes read from a file or descriptor (compressed, as stored).
    package var maxInputBytes: Int
    /// The most bytes a gzipped profile may decompress to; past it the input is refused as a gzip bomb.
    package var maxDecompressedBytes: Int

    /// Limits far above any profile Go writes: 100,000 goroutines in 7 stacks
    /// make a goroutine profile of a few KiB, and a busy service's heap
    /// profile a few MiB.
    package init(maxInputBytes: Int = 64 << 20, maxDecompressedBytes: Int = 64 << 20) {
        self.maxInputBytes = maxInputBytes
        self.maxDecompressedBytes = maxDecompressedBytes
    }

    /// Whether `prefix`, the first bytes of an input, can start a pprof
    /// profile: gzip's magic number, or a protocol buffer that opens with a
    /// value type, as every profile runtime/pprof writes does (field 11, the
    /// period type, or field 1, a sample type: length-delimited, its own
    /// first field a number). Text never starts so, not even a dump pasted
    /// after a blank line.
    package static func recognizes(prefix: [UInt8]) -> Bool {
        if Gunzip.isGzip(prefix) { return true }
        let valueTypeTags: Set<UInt8> = [0x0a, 0x5a]  // (1 << 3 | 2), (11 << 3 | 2)
        guard prefix.count >= 3, valueTypeTags.contains(prefix[0]), (1..<0x80).contains(prefix[1]) else {
            return false
        }
        return prefix[2] == 0x08 || prefix[2] == 0x10
    }

    /// The profile in `bytes`; `name` (a path, `stdin`, a URL) starts every error.
    package func decode(_ bytes: [UInt8], name: String) throws(ProfileError) -> Profile {
        let encoded =
            Gunzip.isGzip(bytes) ? try Gunzip.decompress(bytes, limit: maxDecompressedBytes, name: name) : bytes
        guard !encoded.isEmpty else { throw .empty(name: name) }
        guard encoded.count <= maxDecompressedBytes else {
            throw .tooLarge(name: name, limit: maxDecompressedBytes, decompressed: true)
        }
        let message: Perftools_Profiles_Profile
        do {
            var options = BinaryDecodingOptions()
            // Fields of a newer format, or of another message, are not kept in memory.
            options.discardUnknownFields = true
            message = try Perftools_Profiles_Profile(serializedBytes: encoded, options: options)
        } catch {
            throw .notAProfile(name: name, reason: Self.reason(error))
        }
        return try Profile(message: message, name: name)
    }

    /// The profile in the file at `path`.
    package func read(path: String) throws(ProfileError) -> Profile {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { throw .unreadable(name: path, reason: String(cString: strerror(errno))) }
        defer { close(descriptor) }
        return try read(fileDescriptor: descriptor, name: path)
    }

    /// The profile read from `fileDescriptor` up to its end (stdin is 0); the descriptor stays open.
    package func read(fileDescriptor: Int32, name: String) throws(ProfileError) -> Profile {
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 64 << 10)
        while true {
            let count = chunk.withUnsafeMutableBytes { Glibc.read(fileDescriptor, $0.baseAddress, $0.count) }
            if count < 0 {
                if errno == EINTR { continue }
                throw .unreadable(name: name, reason: String(cString: strerror(errno)))
            }
            if count == 0 { break }
            guard bytes.count + count <= maxInputBytes else {
                throw .tooLarge(name: name, limit: maxInputBytes, decompressed: false)
            }
            bytes.append(contentsOf: chunk[..<count])
        }
        return try decode(bytes, name: name)
    }

    /// What was wrong with bytes SwiftProtobuf could not decode, in words.
    private static func reason(_ error: any Error) -> String {
        switch error as? BinaryDecodingError {
        case .truncated?: "the protocol buffer ends in the middle of a field (is the file cut short?)"
        case .invalidUTF8?: "a string in it is not UTF-8"
        case .messageDepthLimit?: "it nests messages deeper than any profile"
        case .malformedProtobuf?: "it is not a well-formed protocol buffer"
        default: "it is not a well-formed protocol buffer (\(error))"
        }
    }
}
