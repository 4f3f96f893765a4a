/// How `leakkb serve` was asked to run.
public struct ServerOptions: Sendable {
    public var host = "127.0.0.1"
    public var port = 8080
    /// Re-index when Content/ changes, checked every `watchInterval`.
    public var watch = false
    public var watchInterval: Duration = .seconds(1)
    /// `POST /api/patterns/{slug}/run`, one at a time; off by default.
    public var allowDemoRuns = false
    public var toolchain: Toolchain?
    public var demoTimeout: Duration = .seconds(60)

    public init() {}

    static let maximumQueryLength = 200
    static let limits = 1...100

    public static func isLoopback(_ host: String) -> Bool {
        host == "localhost" || host == "::1" || host.hasPrefix("127.")
    }
}
