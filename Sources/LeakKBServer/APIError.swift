import Hummingbird
import LeakKBModel

/// An error a handler throws to answer with a given status and message, and
/// the answer the server gives for any other error (`init(answering:path:)`).
struct APIError: HTTPResponseError, Failure {
    let status: HTTPResponse.Status
    let message: String
    var headers: HTTPFields = [:]

    static func badRequest(_ message: String) -> APIError { APIError(status: .badRequest, message: message) }
    static func notFound(_ message: String) -> APIError { APIError(status: .notFound, message: message) }

    var description: String { message }
    var httpStatus: Int { status.code }
    /// Thrown only inside the server, which answers it; a command that did
    /// end with one could not do what was asked.
    var exitCode: Int32 { ExitStatus.failure }

    /// `{"error": {"status": 404, "message": "…"}}`
    var response: Response { JSONResponse.error(status, message, headers: headers) }

    func response(from request: Request, context: some RequestContext) throws -> Response { response }
}

extension APIError {
    /// The one place the server decides how an error is answered: leakkb's
    /// own errors by their `httpStatus`, Hummingbird's and the demo gate's
    /// here. A server error's text names paths on this machine, so the
    /// client reads only "internal error" (the middleware logs the rest).
    init(answering error: any Error, path: String) {
        switch error {
        case let error as APIError:
            self = error
        case let error as HTTPError:
            let message =
                error.status == .notFound
                ? "no such page or endpoint: \(path)" : (error.body ?? "\(error.status)")
            self.init(status: error.status, message: message)
        case is DemoRunGate.Busy:
            self.init(
                status: .tooManyRequests, message: "another demo is running; try again shortly",
                headers: [.retryAfter: "5"])
        case is DiagnosisSlots.Full:
            self.init(
                status: .tooManyRequests, message: "other diagnoses are running; try again shortly",
                headers: [.retryAfter: "1"])
        case let wait as DemoRunGate.TooSoon:
            self.init(
                status: .tooManyRequests,
                message: "a demo ran moments ago; the next may start in \(wait.seconds) s",
                headers: [.retryAfter: "\(wait.seconds)"])
        case let failure as any Failure:
            let status = HTTPResponse.Status(answering: failure.httpStatus)
            self.init(status: status, message: status.kind == .serverError ? Self.hidden : failure.description)
        default:
            self.init(status: .internalServerError, message: Self.hidden)
        }
    }

    private static let hidden = "internal error"
}

extension HTTPResponse.Status {
    /// The status for a `Failure`'s number, with its usual reason phrase so
    /// the status line reads as it always did.
    init(answering code: Int) {
        let known: [HTTPResponse.Status] = [
            .badRequest, .forbidden, .notFound, .methodNotAllowed, .contentTooLarge, .unsupportedMediaType,
            .unprocessableContent,
            .tooManyRequests, .internalServerError, .serviceUnavailable,
        ]
        self = known.first { $0.code == code } ?? HTTPResponse.Status(code: (400...599).contains(code) ? code : 500)
    }
}
