#if canImport(Glibc)
import Glibc
#endif

/// Reads text from a file descriptor one line at a time through a fixed
/// buffer, so that no input is ever held whole: a line longer than
/// `maximumLength` is refused as soon as it is seen, binary data at its
/// first NUL byte. Carriage returns before a newline are dropped.
package struct LineReader: ~Copyable {
    package static let maximumLength = 1 << 20
    package static let chunkSize = 1 << 16

    private let descriptor: Int32
    private let name: String
    private var buffer: [UInt8] = []
    private var start = 0
    private var atEnd = false
    package private(set) var lineNumber = 0
    /// Bytes read so far, for a caller that bounds the whole input.
    package private(set) var bytesRead = 0

    package init(descriptor: Int32, name: String) {
        self.descriptor = descriptor
        self.name = name
        buffer.reserveCapacity(Self.chunkSize * 2)
    }

    /// Lines of text already in memory (a request's body, bounded by its reader).
    package init(bytes: [UInt8], name: String) {
        descriptor = -1
        self.name = name
        buffer = bytes
        atEnd = true
        bytesRead = bytes.count
    }

    /// Hands the next line, without its line ending, to `body`; nil at the
    /// end of the input. The bytes are the reader's own buffer: valid only
    /// inside `body`, so nothing is copied that the caller does not keep.
    package mutating func nextLine<Result>(
        _ body: (LineBytes) throws(EvidenceError) -> Result
    ) throws(EvidenceError) -> Result? {
        var scanned = 0  // bytes after `start` known to hold no newline
        while true {
            if let newline = find(0x0A, from: start + scanned, to: buffer.count) {
                return try take(upTo: newline, consuming: 1, body)
            }
            scanned = buffer.count - start
            if scanned > Self.maximumLength {
                throw EvidenceError(
                    name, line: lineNumber + 1,
                    "a line longer than \(Self.maximumLength >> 20) MiB; dumps and profiles have short lines")
            }
            if atEnd {
                return scanned > 0 ? try take(upTo: buffer.count, consuming: 0, body) : nil
            }
            try fill()
        }
    }

    private func find(_ byte: UInt8, from offset: Int, to end: Int) -> Int? {
        guard offset < end else { return nil }
        return buffer.withUnsafeBytes { raw in
            guard let base = raw.baseAddress else { return nil }
            return memchr(base + offset, Int32(byte), end - offset).map { base.distance(to: UnsafeRawPointer($0)) }
        }
    }

    private mutating func take<Result>(
        upTo end: Int, consuming separator: Int, _ body: (LineBytes) throws(EvidenceError) -> Result
    ) throws(EvidenceError) -> Result {
        lineNumber += 1
        var last = end
        if last > start && buffer[last - 1] == UInt8(ascii: "\r") { last -= 1 }
        if lineNumber == 1 && last - start >= 2 && buffer[start] == 0x1F && buffer[start + 1] == 0x8B {
            throw EvidenceError(
                name, line: 1,
                "gzip-compressed data (a pprof protobuf profile?) where a goroutine dump, a debug=1 goroutine profile or goleak output was expected"
            )
        }
        if find(0, from: start, to: last) != nil {
            throw EvidenceError(name, line: lineNumber, "binary data (a NUL byte) where text was expected")
        }
        let first = start
        start = end + separator
        return try buffer.withUnsafeBufferPointer { (bytes) throws(EvidenceError) in try body(bytes[first..<last]) }
    }

    /// Moves what is left of the buffer to its front and reads another chunk.
    private mutating func fill() throws(EvidenceError) {
        if start > 0 {
            buffer.removeSubrange(0..<start)
            start = 0
        }
        let old = buffer.count
        buffer.append(contentsOf: repeatElement(0, count: Self.chunkSize))
        var count: Int
        repeat {
            count = buffer.withUnsafeMutableBytes { raw in
                read(descriptor, raw.baseAddress! + old, Self.chunkSize)
            }
        } while count < 0 && errno == EINTR
        if count < 0 {
            let reason = String(cString: strerror(errno))
            buffer.removeSubrange(old...)
            throw EvidenceError(name, "cannot be read: \(reason)")
        }
        buffer.removeSubrange((old + count)...)
        bytesRead += count
        if count == 0 { atEnd = true }
    }
}
