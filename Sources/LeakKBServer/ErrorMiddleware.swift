import Hummingbird
import LeakKBSite
import Logging

/// Turns every failure into a clean answer (see `APIError(answering:path:)`):
/// JSON for `/api/…`, the site's 404 page for pages, and never a stack trace
/// or internal error text.
struct ErrorMiddleware<Context: RequestContext>: RouterMiddleware {
    let pages: SitePages

    func handle(
        _ request: Request, context: Context, next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        do {
            return try await next(request, context)
        } catch {
            let answer = APIError(answering: error, path: request.uri.path)
            if answer.status.kind == .serverError {
                context.logger.error("\(request.method) \(request.uri.path) failed: \(error)")
            }
            if answer.status == .notFound && !(request.uri.path.hasPrefix("/api/") || request.uri.path == "/healthz") {
                return Response(
                    status: .notFound, headers: [.contentType: "text/html; charset=utf-8"],
                    body: .init(byteBuffer: ByteBuffer(string: pages.notFound())))
            }
            return try answer.response(from: request, context: context)
        }
    }
}
