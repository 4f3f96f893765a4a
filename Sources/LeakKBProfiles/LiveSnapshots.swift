import Foundation

/// Two snapshots of a live service, `interval` apart: what grew between them
/// is what leaks.
package struct LiveSnapshots: Sendable {
    /// The pprof index the snapshots were taken from.
    package let index: URL
    package let interval: Duration
    package let first: LiveSnapshot
    package let second: LiveSnapshot

    package init(index: URL, interval: Duration, first: LiveSnapshot, second: LiveSnapshot) {
        self.index = index
        self.interval = interval
        self.first = first
        self.second = second
    }

    /// The goroutine stacks that grew between the snapshots.
    package func goroutineGrowth() throws(ProfileError) -> ProfileDiff {
        try ProfileDiff(base: first.goroutines, new: second.goroutines)
    }

    /// The allocation sites whose live memory grew between the snapshots.
    package func heapGrowth() throws(ProfileError) -> ProfileDiff {
        try ProfileDiff(base: first.heap, new: second.heap)
    }

    /// Takes a snapshot from the pprof index at `url`
    /// (`http://127.0.0.1:6060/debug/pprof/`; a bare `http://host:port`
    /// means its `/debug/pprof/`), waits `interval`, and takes another.
    package static func fetch(
        url: URL, interval: Duration = .seconds(10), limits: LiveLimits = LiveLimits()
    ) async throws(LiveFetchError) -> LiveSnapshots {
        let index = try pprofIndex(url)
        let first = try await snapshot(index: index, limits: limits)
        do {
            try await Task.sleep(for: interval)
        } catch {
            throw .unreachable(url: index.absoluteString, reason: "stopped before the second snapshot")
        }
        let second = try await snapshot(index: index, limits: limits)
        return LiveSnapshots(index: index, interval: interval, first: first, second: second)
    }

    /// `url` as a pprof index ending in `/`, or why it cannot be one.
    static func pprofIndex(_ url: URL) throws(LiveFetchError) -> URL {
        guard var components = URLComponents(url: url, resolvingAgainstBaseURL: false),
            components.scheme?.lowercased() == "http",
            let host = components.host, !host.isEmpty
        else { throw .badURL(url.absoluteString) }
        if components.path.isEmpty || components.path == "/" { components.path = "/debug/pprof/" }
        if !components.path.hasSuffix("/") { components.path += "/" }
        components.query = nil
        components.fragment = nil
        guard let index = components.url else { throw .badURL(url.absoluteString) }
        return index
    }

    private static func snapshot(index: URL, limits: LiveLimits) async throws(LiveFetchError) -> LiveSnapshot {
        let dump = try await BoundedDownload.get(
            endpoint(index, "goroutine", debug: "2"), limit: limits.maxDumpBytes, timeout: limits.timeout)
        let goroutines = try await profile(endpoint(index, "goroutine"), limits: limits)
        let heap = try await profile(endpoint(index, "heap", gc: true), limits: limits)
        return LiveSnapshot(goroutineDump: dump, goroutines: goroutines, heap: heap)
    }

    private static func profile(_ url: URL, limits: LiveLimits) async throws(LiveFetchError) -> Profile {
        let bytes = try await BoundedDownload.get(url, limit: limits.reader.maxInputBytes, timeout: limits.timeout)
        do {
            return try limits.reader.decode(bytes, name: url.absoluteString)
        } catch {
            throw .profile(error)
        }
    }

    private static func endpoint(_ index: URL, _ name: String, debug: String? = nil, gc: Bool = false) -> URL {
        var components = URLComponents(url: index.appendingPathComponent(name), resolvingAgainstBaseURL: false)
        var query: [URLQueryItem] = []
        if let debug { query.append(URLQueryItem(name: "debug", value: debug)) }
        // A heap profile shows the state as of the last collection; gc=1 asks for one first.
        if gc { query.append(URLQueryItem(name: "gc", value: "1")) }
        components?.queryItems = query.isEmpty ? nil : query
        return components?.url ?? index.appendingPathComponent(name)
    }
}
