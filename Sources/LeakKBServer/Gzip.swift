import CZlib
import Hummingbird

/// gzip with the system zlib, for response bodies.
enum Gzip {
    /// The gzip member holding `input`, or nil if zlib refuses.
    static func compress(_ input: ByteBuffer, level: Int32 = Z_DEFAULT_COMPRESSION) -> ByteBuffer? {
        guard input.readableBytes > 0 else { return nil }
        var stream = z_stream()
        guard leakkb_deflate_init_gzip(&stream, level) == Z_OK else { return nil }
        defer { deflateEnd(&stream) }
        let bound = Int(deflateBound(&stream, uLong(input.readableBytes)))
        var output = ByteBuffer()
        var finished = false
        _ = input.withUnsafeReadableBytes { source in
            output.writeWithUnsafeMutableBytes(minimumWritableBytes: bound) { target in
                stream.next_in = UnsafeMutablePointer(mutating: source.bindMemory(to: Bytef.self).baseAddress)
                stream.avail_in = uInt(source.count)
                stream.next_out = target.bindMemory(to: Bytef.self).baseAddress
                stream.avail_out = uInt(target.count)
                // deflateBound guarantees room for everything, so one call finishes.
                finished = deflate(&stream, Z_FINISH) == Z_STREAM_END
                return finished ? Int(stream.total_out) : 0
            }
        }
        guard finished else { return nil }
        // The answer lives in the response cache: keep its bytes, not deflateBound's worst case.
        var exact = ByteBufferAllocator().buffer(capacity: output.readableBytes)
        exact.writeImmutableBuffer(output)
        return exact
    }

    /// Whether an `Accept-Encoding` value lets the server answer with gzip
    /// (`gzip`, `x-gzip` or `*`, not switched off with `q=0`).
    static func isAccepted(by acceptEncoding: String?) -> Bool {
        guard let acceptEncoding else { return false }
        return acceptEncoding.split(separator: ",").contains { item in
            let parts = item.split(separator: ";")
            guard let name = parts.first?.trimmingWhitespace.lowercased(), ["gzip", "x-gzip", "*"].contains(name) else {
                return false
            }
            let quality = parts.dropFirst().lazy.map { $0.trimmingWhitespace }.first { $0.hasPrefix("q=") }
            return quality.map { (Double($0.dropFirst(2)) ?? 0) > 0 } ?? true
        }
    }
}
