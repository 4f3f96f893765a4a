import Foundation
import Hummingbird
import LeakKBIndex

/// JSON bodies with the API's conventions: snake_case keys as declared,
/// sorted for stable output, the right content type.
enum JSONResponse {
    static let contentType = "application/json; charset=utf-8"

    static func encode(_ value: some Encodable) throws -> ByteBuffer {
        var buffer = ByteBuffer()
        buffer.writeBytes(try JSONEncoder.published().encode(value))
        return buffer
    }

    static func make(_ value: some Encodable, status: HTTPResponse.Status = .ok) throws -> Response {
        Response(status: status, headers: [.contentType: contentType], body: .init(byteBuffer: try encode(value)))
    }

    /// A GET answer's body, for the response cache.
    static func body(_ value: some Encodable) throws -> CachedBody {
        CachedBody(try encode(value), contentType: contentType)
    }

    /// `{"error": {"status": 404, "message": "…"}}`
    static func error(_ status: HTTPResponse.Status, _ message: String, headers: HTTPFields = [:]) -> Response {
        var response =
            (try? make(["error": ErrorBody(status: Int(status.code), message: message)], status: status))
            ?? Response(status: status)
        for field in headers { response.headers.append(field) }
        return response
    }

    struct ErrorBody: Encodable {
        let status: Int
        let message: String
    }
}
