#if canImport(Glibc)
import Glibc
#endif
import Foundation
import LeakKBProfiles

/// Where evidence comes from: a file, standard input, or text already in
/// memory (a request's body), read once, line by line; or two snapshots of
/// a live service, diagnosed as what grew between them.
package enum EvidenceInput: Sendable {
    case file(String)
    case standardInput
    case text([UInt8], name: String)
    case live(LiveSnapshots)

    /// `-` is standard input, anything else a path.
    package init(argument: String) {
        self = argument == "-" ? .standardInput : .file(argument)
    }

    package var name: String {
        switch self {
        case .file(let path): path
        case .standardInput: "stdin"
        case .text(_, let name): name
        case .live(let snapshots): snapshots.index.absoluteString
        }
    }

    /// Runs `body` over the input's lines, closing what it opened.
    package func withLines<Result>(
        _ body: (inout LineReader) throws(EvidenceError) -> Result
    ) throws(EvidenceError) -> Result {
        switch self {
        case .text(let bytes, let name):
            var reader = LineReader(bytes: bytes, name: name)
            return try body(&reader)
        case .live(let snapshots):
            var reader = LineReader(bytes: snapshots.second.goroutineDump, name: name)
            return try body(&reader)
        case .standardInput:
            var reader = LineReader(descriptor: 0, name: name)
            return try body(&reader)
        case .file(let path):
            let descriptor = open(path, O_RDONLY | O_CLOEXEC)
            guard descriptor >= 0 else {
                let reason = String(cString: strerror(errno))
                throw EvidenceError(path, "cannot be opened (\(reason)); pass a readable file, or - for standard input")
            }
            defer { close(descriptor) }
            var status = stat()
            if fstat(descriptor, &status) == 0, (status.st_mode & S_IFMT) == S_IFDIR {
                throw EvidenceError(path, "is a directory; pass a goroutine dump or profile file")
            }
            var reader = LineReader(descriptor: descriptor, name: path)
            return try body(&reader)
        }
    }
}

extension EvidenceInput {
    /// Two snapshots of the live service whose pprof index is `url`
    /// (`http://127.0.0.1:6060/debug/pprof/`), `interval` apart.
    package static func live(url: String, interval: Duration) async throws(LiveFetchError) -> EvidenceInput {
        guard let address = URL(string: url) else { throw .badURL(url) }
        return .live(try await LiveSnapshots.fetch(url: address, interval: interval))
    }
}
