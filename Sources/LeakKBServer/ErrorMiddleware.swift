import Hummingbird
import LeakKBSite
import Logging

/// Turns every failure into a clean answer: JSON for `/api/…`, the site's
/// 404 page for pages, and never a stack trace or internal error text.
struct ErrorMiddleware<Context: RequestContext>: RouterMiddleware {
    let pages: SitePages

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch let error as APIError {
            return answer(error.status, error.message, request: request, headers: error.headers)
        } catch let error as HTTPError {
            let message = error.status == .notFound ? "no such page or endpoint: \(request.uri.path)" : (error.body ?? "\(error.status)")
            return answer(error.status, message, request: request)
        } catch {
            context.logger.error("\(request.method) \(request.uri.path) failed: \(error)")
            return answer(.internalServerError, "internal error", request: request)
        }
    }

    private func answer(_ status: HTTPResponse.Status, _ message: String, request: Request, headers: HTTPFields = [:]) -> Response {
        if request.uri.path.hasPrefix("/api/") || request.uri.path == "/healthz" || status != .notFound {
            return JSONResponse.error(status, message, headers: headers)
        }
        return Response(status: .notFound, headers: [.contentType: "text/html; charset=utf-8"],
                        body: .init(byteBuffer: ByteBuffer(string: pages.notFound())))
    }
}
