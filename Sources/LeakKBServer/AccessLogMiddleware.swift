import Hummingbird
import LeakKBModel
import Logging

/// One line per request, after it is answered: method, path, status, time.
struct AccessLogMiddleware<Context: RequestContext>: RouterMiddleware {
    func handle(
        _ request: Request, context: Context, next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        let started = ContinuousClock.now
        let response = try await next(request, context)
        let elapsed = (ContinuousClock.now - started).seconds * 1000
        context.logger.info(
            "\(request.method) \(request.uri) \(response.status.code) \(Quantity.oneDecimal(elapsed)) ms")
        return response
    }
}
