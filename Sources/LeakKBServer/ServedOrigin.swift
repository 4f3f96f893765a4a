import Hummingbird
import Synchronization

/// Decides whether a request that changes something (a demo run) comes from
/// a page this server served, not from any web page a browser has open.
/// A browser sends a cross-site form or `text/plain` POST without asking, so
/// the request must be one it would have to ask for (a JSON body), name this
/// server in `Host` (against DNS rebinding) and, when it says where it comes
/// from, come from this server's origin.
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

    func check(_ request: Request) throws {
        let mediaType = request.headers[.contentType]?.split(separator: ";").first?.trimmingWhitespace.lowercased()
        guard mediaType == "application/json" else {
            throw APIError(
                status: .unsupportedMediaType,
                message: "a demo run needs Content-Type: application/json (no web page can send that unasked)")
        }
        let authority = request.head.authority?.lowercased() ?? ""
        if let authorities, !authorities.contains(authority) {
            throw APIError(status: .forbidden, message: "Host '\(authority.prefix(80))' is not this server's address")
        }
        if let origin = request.headers[.origin], origin.lowercased() != "http://\(authority)" {
            throw APIError(
                status: .forbidden,
                message: "a demo run must come from a page of this server, not '\(origin.prefix(80))'")
        }
    }
}
