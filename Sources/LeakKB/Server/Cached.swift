import Hummingbird

/// Builds GET responses with `ETag` and `Cache-Control`, answering
/// `304 Not Modified` when the client already holds the same bytes.
enum Cached {
    static func response(_ body: ByteBuffer, contentType: String, request: Request, maxAge: Int? = nil) -> Response {
        var hash = ContentHash()
        hash.add(body.readableBytesView)
        let tag = "\"\(hash.hex)\""
        var headers: HTTPFields = [
            .contentType: contentType,
            .eTag: tag,
            // Pages change when Content/ does: revalidate every time (cheap with the ETag).
            .cacheControl: maxAge.map { "public, max-age=\($0)" } ?? "no-cache",
        ]
        if request.headers[.ifNoneMatch]?.split(separator: ",").contains(where: { $0.trimmingWhitespace == tag || $0.trimmingWhitespace == "*" }) == true {
            headers[.contentType] = nil
            return Response(status: .notModified, headers: headers)
        }
        return Response(status: .ok, headers: headers, body: .init(byteBuffer: body))
    }

    static func html(_ text: String, request: Request) -> Response {
        response(ByteBuffer(string: text), contentType: "text/html; charset=utf-8", request: request)
    }
}
