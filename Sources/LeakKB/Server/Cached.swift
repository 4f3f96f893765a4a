import Hummingbird
import Synchronization

/// A rendered GET answer: the bytes, their type and their ETag.
struct CachedBody: Sendable {
    let body: ByteBuffer
    let contentType: String
    let etag: String
    /// Seconds a client may reuse it without asking; nil means revalidate every time.
    let maxAge: Int?

    init(_ body: ByteBuffer, contentType: String, maxAge: Int? = nil) {
        var hash = ContentHash()
        hash.add(body.readableBytesView)
        self.body = body
        self.contentType = contentType
        self.etag = "\"\(hash.hex)\""
        self.maxAge = maxAge
    }

    static func html(_ text: String) -> CachedBody { CachedBody(ByteBuffer(string: text), contentType: "text/html; charset=utf-8") }

    /// `200` with `ETag` and `Cache-Control`, or `304` when the client already holds these bytes.
    func response(to request: Request) -> Response {
        var headers: HTTPFields = [.eTag: etag, .cacheControl: maxAge.map { "public, max-age=\($0)" } ?? "no-cache"]
        if request.headers[.ifNoneMatch]?.split(separator: ",").contains(where: { $0.trimmingWhitespace == etag || $0.trimmingWhitespace == "*" }) == true {
            return Response(status: .notModified, headers: headers)
        }
        headers[.contentType] = contentType
        return Response(status: .ok, headers: headers, body: .init(byteBuffer: body))
    }
}

/// Rendered GET answers by URI. The index only changes through a refresh or
/// a recorded demo run, and both call `invalidate()`, so an entry is valid
/// until then. Bounded: when full it starts over rather than tracking age.
final class ResponseCache: Sendable {
    private let entries = Mutex<[String: CachedBody]>([:])
    static let capacity = 2_000

    func answer(_ request: Request, render: () throws -> CachedBody) rethrows -> Response {
        let key = request.uri.description
        if let hit = entries.withLock({ $0[key] }) { return hit.response(to: request) }
        let body = try render()
        entries.withLock { entries in
            if entries.count >= Self.capacity { entries.removeAll(keepingCapacity: true) }
            entries[key] = body
        }
        return body.response(to: request)
    }

    func invalidate() { entries.withLock { $0.removeAll() } }
}
