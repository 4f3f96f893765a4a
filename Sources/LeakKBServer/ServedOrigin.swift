import Hummingbird
import Synchronization

/// Decides whether a request that changes something or costs work (a demo
/// run, a diagnosis) comes from a page this server served, not from any web
/// page a browser has open. A browser sends a cross-site form or `text/plain`
/// POST without asking, so the request must be one it would have to ask for
/// (a JSON or binary body), name this server in `Host` (against DNS
/// rebinding) and, when it says where it comes from, come from this
/// server's origin.
final class ServedOrigin: Sendable {
    let host: String
    /// The bound port, known once the server runs (the options may say 0).
    private let boundPort: Atomic<Int>

    init(host: String, port: Int) {
        self.host = host
        boundPort = Atomic(port)
    }

    func serving(on port: Int) { boundPort.store(port, ordering: .relaxed) }

    /// `host:port` values a client may put in `Host`; nil when bound to every
    /// address, where the server cannot know the names it is reached by.
    var authorities: Set<String>? {
        guard !["0.0.0.0", "::", ""].contains(host) else { return nil }
        let port = boundPort.load(ordering: .relaxed)
        let literal = host.contains(":") ? "[\(host)]" : host
        let names = ServerOptions.isLoopback(host) ? [literal, "localhost", "127.0.0.1", "[::1]"] : [literal]
        return Set(names.map { "\($0.lowercased()):\(port)" })
    }

    /// A demo run: a JSON body, from this server.
    func check(_ request: Request) throws {
        guard Self.mediaType(of: request) == "application/json" else {
            throw APIError(
                status: .unsupportedMediaType,
                message: "a demo run needs Content-Type: application/json (no web page can send that unasked)")
        }
        try checkSource(of: request, doing: "a demo run")
    }

    /// Evidence to diagnose: a body of any type but those a form or a
    /// no-cors fetch sends unasked (none, text/plain, a form's), from this server.
    func checkEvidence(_ request: Request) throws {
        guard let mediaType = Self.mediaType(of: request), !Self.simpleMediaTypes.contains(mediaType) else {
            throw APIError(
                status: .unsupportedMediaType,
                message:
                    "a diagnosis needs Content-Type: application/octet-stream (no web page can send that unasked)")
        }
        try checkSource(of: request, doing: "a diagnosis")
    }

    /// The media types a browser sends cross-site without a preflight.
    static let simpleMediaTypes: Set<String> = [
        "text/plain", "application/x-www-form-urlencoded", "multipart/form-data",
    ]

    private static func mediaType(of request: Request) -> String? {
        request.headers[.contentType]?.split(separator: ";").first?.trimmingWhitespace.lowercased()
    }

    /// `Host` names this server (against DNS rebinding) and `Origin`, when sent, is this server's.
    private func checkSource(of request: Request, doing action: String) throws {
        let authority = request.head.authority?.lowercased() ?? ""
        if let authorities, !authorities.contains(authority) {
            throw APIError(status: .forbidden, message: "Host '\(authority.prefix(80))' is not this server's address")
        }
        if let origin = request.headers[.origin], origin.lowercased() != "http://\(authority)" {
            throw APIError(
                status: .forbidden,
                message: "\(action) must come from a page of this server, not '\(origin.prefix(80))'")
        }
    }
}
