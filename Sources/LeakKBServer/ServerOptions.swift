import LeakKBDemos
#if canImport(Glibc)
import Glibc
#endif

/// How `leakkb serve` was asked to run.
package struct ServerOptions: Sendable {
    package var host = "127.0.0.1"
    package var port = 8080
    /// Re-index when Content/ changes, checked every `watchInterval`.
    package var watch = false
    package var watchInterval: Duration = .seconds(1)
    /// `POST /api/patterns/{slug}/run`, one at a time; off by default.
    package var allowDemoRuns = false
    package var toolchain: Toolchain?
    package var demoTimeout: Duration = .seconds(60)
    /// Time from the start of one demo run before another may start.
    package var demoRunInterval: Duration = .seconds(10)
    /// Memory the response cache may hold: fits a small VPS beside the index.
    package var cacheBytes = 64 << 20
    /// A connection with no request in progress for this long is closed.
    package var idleTimeout: Duration = .seconds(30)
    /// A request whose head has started arriving must be complete within this.
    package var headerTimeout: Duration = .seconds(10)
    /// The largest body `POST /api/diagnose` reads: the benchmark dump
    /// of 100,000 goroutines (22.7 MB) fits; a bigger one is for the CLI.
    package var diagnoseBytes = 32 << 20
    /// Diagnoses that may run at once; with the size limit, what they may hold.
    package var concurrentDiagnoses = 2

    package init() {}

    static let maximumQueryLength = 200
    static let limits = 1...100

    /// Whether `host` is a loopback address (127.0.0.0/8, ::1, ::ffff:127.x.y.z)
    /// or `localhost`: read as an address, so `127.evil.example` is not one.
    package static func isLoopback(_ host: String) -> Bool {
        if host.lowercased() == "localhost" { return true }
        var v4 = in_addr()
        if inet_pton(AF_INET, host, &v4) == 1 { return UInt32(bigEndian: v4.s_addr) >> 24 == 127 }
        var v6 = in6_addr()
        guard inet_pton(AF_INET6, host, &v6) == 1 else { return false }
        let bytes = withUnsafeBytes(of: v6) { Array($0) }
        let loopback: [UInt8] = Array(repeating: 0, count: 15) + [1]
        let mappedPrefix: [UInt8] = Array(repeating: 0, count: 10) + [0xff, 0xff]
        return bytes == loopback || (Array(bytes[0..<12]) == mappedPrefix && bytes[12] == 127)
    }
}
