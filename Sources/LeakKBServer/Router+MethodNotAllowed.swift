import Hummingbird

extension Router<BasicRequestContext> {
    /// Answers `methods` at `paths` with 405 and the methods the path does take,
    /// instead of the router's 404 for a method it has no handler for.
    func refuse(_ methods: [HTTPRequest.Method], at paths: [RouterPath], allow: String) {
        for path in paths {
            for method in methods {
                on(path, method: method) { _, _ -> Response in
                    throw APIError(
                        status: .methodNotAllowed, message: "\(method) is not allowed here; use \(allow)",
                        headers: [.allow: allow])
                }
            }
        }
    }
}
