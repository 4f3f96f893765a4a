import Hummingbird
import LeakKBModel
import Synchronization

/// A rendered GET answer: the bytes, their type and their ETag, and their
/// gzip form once a client has asked for it.
struct CachedBody: Sendable {
    let body: ByteBuffer
    let contentType: String
    let etag: String
    /// Seconds a client may reuse it without asking; nil means revalidate every time.
    let maxAge: Int?
    private(set) var gzip = Compression.untried

    enum Compression: Sendable {
        case untried
        /// Too small to gain anything, or not smaller once compressed.
        case unhelpful
        case compressed(ByteBuffer, etag: String)
    }

    /// Below this, gzip's header and the extra header line cost more than they save.
    static let minimumCompressedSize = 1_024

    init(_ body: ByteBuffer, contentType: String, maxAge: Int? = nil) {
        var hash = ContentHash()
        hash.add(body.readableBytesView)
        self.body = body
        self.contentType = contentType
        self.etag = "\"\(hash.hex)\""
        self.maxAge = maxAge
    }

    /// The memory this answer holds, both encodings, as allocated (what the cache's bound counts).
    var byteCount: Int {
        guard case .compressed(let zipped, _) = gzip else { return body.capacity }
        return body.capacity + zipped.capacity
    }

    static func html(_ text: String) -> CachedBody {
        CachedBody(ByteBuffer(string: text), contentType: "text/html; charset=utf-8")
    }

    /// This answer with its gzip form worked out (once; the cache keeps the result).
    func compressed() -> CachedBody {
        var copy = self
        if body.readableBytes >= Self.minimumCompressedSize, let zipped = Gzip.compress(body),
            zipped.readableBytes < body.readableBytes
        {
            // Another encoding is another representation, so it gets its own strong ETag.
            copy.gzip = .compressed(zipped, etag: "\"\(etag.dropFirst().dropLast())-gz\"")
        } else {
            copy.gzip = .unhelpful
        }
        return copy
    }

    /// `200` with `ETag`, `Cache-Control` and `Vary`, gzipped when the client
    /// accepts it, or `304` when the client already holds these bytes.
    func response(to request: Request) -> Response {
        var (bytes, tag, encoding) = (body, etag, String?.none)
        if case .compressed(let zipped, let zippedTag) = gzip, Gzip.isAccepted(by: request.headers[.acceptEncoding]) {
            (bytes, tag, encoding) = (zipped, zippedTag, "gzip")
        }
        var headers: HTTPFields = [
            .eTag: tag, .cacheControl: maxAge.map { "public, max-age=\($0)" } ?? "no-cache", .vary: "Accept-Encoding",
        ]
        if request.headers[.ifNoneMatch]?.split(separator: ",").contains(where: {
            $0.trimmingWhitespace == tag || $0.trimmingWhitespace == "*"
        }) == true {
            return Response(status: .notModified, headers: headers)
        }
        headers[.contentType] = contentType
        if let encoding { headers[.contentEncoding] = encoding }
        return Response(status: .ok, headers: headers, body: .init(byteBuffer: bytes))
    }
}
