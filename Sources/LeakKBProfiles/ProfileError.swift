import LeakKBModel

/// Why a profile could not be read or compared. Each description starts
/// with the input's name (a path, `stdin`, a URL) and says what is wrong.
package enum ProfileError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The file could not be opened or read.
    case unreadable(name: String, reason: String)
    /// More bytes than `limit`, compressed or (when `decompressed`) after gunzip.
    case tooLarge(name: String, limit: Int, decompressed: Bool)
    /// A gzip stream zlib refused, or that stops before its end.
    case corruptGzip(name: String, reason: String)
    /// Zero bytes, before or after gunzip.
    case empty(name: String)
    /// Bytes that are no pprof profile: not a protocol buffer, another message, or references that do not resolve.
    case notAProfile(name: String, reason: String)
    /// Two profiles that measure different things cannot be compared.
    case incomparable(base: String, new: String)

    package var description: String {
        switch self {
        case .unreadable(let name, let reason):
            "\(name): cannot be read (\(reason))"
        case .tooLarge(let name, let limit, let decompressed):
            decompressed
                ? "\(name): decompresses to more than \(Self.size(limit)), far more than a pprof profile holds; "
                    + "it was not read further"
                : "\(name): larger than \(Self.size(limit)), far more than a pprof profile holds; it was not read"
        case .corruptGzip(let name, let reason):
            "\(name): the gzip stream is corrupt (\(reason))"
        case .empty(let name):
            "\(name): is empty; expected a pprof profile (a gzipped protocol buffer)"
        case .notAProfile(let name, let reason):
            "\(name): not a pprof profile: \(reason)"
        case .incomparable(let base, let new):
            "cannot compare a \(base) profile with a \(new) profile; give two profiles of the same kind"
        }
    }

    private static func size(_ bytes: Int) -> String {
        bytes >= 1 << 20 && bytes % (1 << 20) == 0 ? "\(bytes >> 20) MiB" : "\(bytes) bytes"
    }
}

extension ProfileError: Failure {
    package var exitCode: Int32 { ExitStatus.usage }
    package var httpStatus: Int {
        if case .tooLarge = self { return 413 }
        return 400
    }
}
