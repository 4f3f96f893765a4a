import CZlib

/// gzip decompression with the system zlib, stopped at a size limit so that
/// a small file that expands without end (a gzip bomb) costs at most the
/// limit in memory.
enum Gunzip {
    /// Whether `bytes` starts with the gzip magic number.
    static func isGzip(_ bytes: [UInt8]) -> Bool {
        bytes.count >= 2 && bytes[0] == 0x1f && bytes[1] == 0x8b
    }

    /// The decompressed bytes of every gzip member in `input`, or an error
    /// when they would exceed `limit` bytes, when zlib refuses the stream, or
    /// when it stops before its end.
    static func decompress(_ input: [UInt8], limit: Int, name: String) throws(ProfileError) -> [UInt8] {
        var stream = z_stream()
        // 15 + 16: a 32 KiB window, gzip wrapper only.
        guard inflateInit2_(&stream, 15 + 16, zlibVersion(), Int32(MemoryLayout<z_stream>.size)) == Z_OK else {
            throw .corruptGzip(name: name, reason: "zlib could not start")
        }
        defer { inflateEnd(&stream) }
        var output: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 64 << 10)
        var failure: ProfileError?
        input.withUnsafeBufferPointer { source in
            stream.next_in = UnsafeMutablePointer(mutating: source.baseAddress)
            stream.avail_in = uInt(source.count)
            while failure == nil {
                let (status, produced) = chunk.withUnsafeMutableBufferPointer { target in
                    stream.next_out = target.baseAddress
                    stream.avail_out = uInt(target.count)
                    let status = inflate(&stream, Z_NO_FLUSH)
                    return (status, target.count - Int(stream.avail_out))
                }
                guard output.count + produced <= limit else {
                    failure = .tooLarge(name: name, limit: limit, decompressed: true)
                    break
                }
                output.append(contentsOf: chunk[..<produced])
                switch status {
                case Z_STREAM_END:
                    // Another member may follow (gzip allows several, `cat a.gz b.gz`).
                    guard stream.avail_in > 0 else { return }
                    guard inflateReset(&stream) == Z_OK else {
                        failure = .corruptGzip(name: name, reason: "zlib could not start the next member")
                        break
                    }
                case Z_OK:
                    continue
                case Z_BUF_ERROR where stream.avail_in == 0:
                    failure = .corruptGzip(name: name, reason: "it ends before its last block")
                default:
                    let message = stream.msg.map { String(cString: $0) } ?? "error \(status)"
                    failure = .corruptGzip(name: name, reason: message)
                }
            }
        }
        if let failure { throw failure }
        return output
    }
}
