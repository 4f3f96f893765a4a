import Dispatch
import Hummingbird
import LeakKB
import LeakKBDiagnosis
import LeakKBModel
import LeakKBSite
import NIOCore

/// `POST /api/diagnose`: the body is the evidence (a goroutine dump, a
/// debug=1 profile, goleak output or a pprof profile's bytes); the answer
/// is the report `leakkb diagnose --json` prints, or with `Accept:
/// text/html` the same report as HTML from the `--html` page's template.
/// Only pages of this server may send it (see `ServedOrigin`).
struct DiagnoseRoute: Sendable {
    let knowledgeBase: KnowledgeBase
    let origin: ServedOrigin
    /// Bodies above this are refused with 413 before or while they are read.
    let byteLimit: Int
    let page: DiagnosisPage
    let slots: DiagnosisSlots

    static let path: RouterPath = "/api/diagnose"

    func register(on router: Router<BasicRequestContext>) {
        router.post(Self.path) { request, _ in try await diagnose(request) }
        router.refuse([.get, .head, .put, .delete, .patch], at: [Self.path], allow: "POST")
    }

    private func diagnose(_ request: Request) async throws -> Response {
        try origin.checkEvidence(request)
        let parameters = request.uri.queryParameters
        if parameters["base"] != nil {
            throw APIError.badRequest(
                "base is not supported over HTTP (one body, one snapshot); diff two dumps with leakkb diagnose --base")
        }
        let format = try Self.format(parameters["format"].map(String.init))
        let toolchain = try Self.toolchain(parameters["go"].map(String.init))
        if let length = request.headers[.contentLength].flatMap({ Int($0) }), length > byteLimit { throw tooLarge }
        let report = try await slots.run { try await read(request, format: format, toolchain: toolchain) }
        guard request.headers[.accept]?.contains("text/html") == true else { return try JSONResponse.make(report) }
        return Response(
            status: .ok, headers: [.contentType: "text/html; charset=utf-8"],
            body: .init(byteBuffer: ByteBuffer(string: page.fragment(report))))
    }

    /// Reads the body, refusing it where it passes the limit, and diagnoses it.
    private func read(
        _ request: Request, format: EvidenceFormat?, toolchain: GoVersion?
    ) async throws
        -> DiagnosisReport
    {
        let body: ByteBuffer
        do {
            body = try await request.body.collect(upTo: byteLimit)
        } catch let error as HTTPError where error.status == .contentTooLarge {
            throw tooLarge
        } catch is NIOTooManyBytesError {
            // A chunked body gives no length up front: it is refused where it passes the limit.
            throw tooLarge
        }
        let input = EvidenceInput.text(Array(body.readableBytesView), name: "body")
        let knowledgeBase = self.knowledgeBase
        return try await Self.offTheEventLoop {
            try knowledgeBase.diagnose(input, format: format, toolchain: toolchain)
        }
    }

    private static func format(_ name: String?) throws -> EvidenceFormat? {
        guard let name, !name.isEmpty else { return nil }
        guard let format = EvidenceFormat(rawValue: name) else {
            let names = EvidenceFormat.allCases.map(\.rawValue).joined(separator: ", ")
            throw APIError.badRequest("unknown format '\(name.prefix(40))' (known: \(names))")
        }
        return format
    }

    private static func toolchain(_ text: String?) throws -> GoVersion? {
        guard let text, !text.isEmpty else { return nil }
        guard let version = GoVersion(text) else {
            throw APIError.badRequest("go '\(text.prefix(40))' is not a Go release such as 1.22")
        }
        return version
    }

    private var tooLarge: APIError {
        APIError(
            status: .contentTooLarge,
            message: "the evidence is larger than the \(byteLimit) bytes this server reads (--diagnose-mib); "
                + "run leakkb diagnose on the file instead")
    }

    /// Reading and matching a large dump takes a second or more: it runs on
    /// a dispatch queue, not on an event loop or the cooperative pool.
    private static func offTheEventLoop<T: Sendable>(
        _ work: @escaping @Sendable () throws -> T
    ) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            DispatchQueue.global().async { continuation.resume(with: Result { try work() }) }
        }
    }
}
