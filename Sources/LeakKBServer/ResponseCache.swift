import Hummingbird
import LeakKBIndex
import Synchronization

/// Rendered GET answers, keyed by what their route reads: the route's name
/// and the query parameters it uses, so parameters no route reads never make
/// an entry. Bounded in bytes; a new entry that does not fit starts the cache
/// over rather than tracking age.
///
/// The cache is emptied, and its generation moved, whenever the index's own
/// generation differs from the last request's (whoever changed it) and
/// whenever this server calls `invalidate()` (its re-index, its demo run).
/// An answer is stored only if the generation it was rendered in is still
/// current, so a render that began before a change and ends after it is never kept.
final class ResponseCache: Sendable {
    private struct Contents {
        var entries: [String: CachedBody] = [:]
        var bytes = 0
        var generation = 0
        var indexGeneration: String?
    }

    private let contents = Mutex(Contents())
    let byteLimit: Int
    /// What the index says about itself on each request (see
    /// `Index.servedGeneration`): answers rendered from an older state are
    /// dropped, whoever changed it — this server, another leakkb recording a
    /// run, or a user deleting the file.
    private let indexGeneration: @Sendable () -> String?

    init(byteLimit: Int, indexGeneration: @escaping @Sendable () -> String? = { nil }) {
        self.byteLimit = byteLimit
        self.indexGeneration = indexGeneration
    }

    /// The key of a route's answer: its name and the values of the query
    /// parameters it reads, in the order given.
    static func key(_ route: String, _ request: Request, reading names: [String] = []) -> String {
        names.reduce(into: route) { key, name in
            key += "\u{0}" + (request.uri.queryParameters[Substring(name)].map(String.init) ?? "")
        }
    }

    func answer(_ request: Request, key: String, render: () throws -> CachedBody) rethrows -> Response {
        let current = indexGeneration()
        let (cached, generation) = contents.withLock { contents in
            if current != contents.indexGeneration {
                Self.clear(&contents)
                contents.indexGeneration = current
            }
            return (contents.entries[key], contents.generation)
        }
        var body = try cached ?? store(try render(), at: key, renderedIn: generation)
        // Compressed on the first request that wants it, so clients that never ask never pay.
        if case .untried = body.gzip, Gzip.isAccepted(by: request.headers[.acceptEncoding]) {
            body = store(body.compressed(), at: key, renderedIn: generation)
        }
        return body.response(to: request)
    }

    func invalidate() { contents.withLock { Self.clear(&$0) } }

    private static func clear(_ contents: inout Contents) {
        contents.entries.removeAll()
        contents.bytes = 0
        contents.generation += 1
    }

    /// Bytes held now (bodies, their gzip forms and keys).
    var byteCount: Int { contents.withLock { $0.bytes } }

    private func store(_ body: CachedBody, at key: String, renderedIn generation: Int) -> CachedBody {
        let size = body.byteCount + key.utf8.count
        contents.withLock { contents in
            guard contents.generation == generation, size <= byteLimit else { return }
            if let replaced = contents.entries.removeValue(forKey: key) {
                contents.bytes -= replaced.byteCount + key.utf8.count
            }
            if contents.bytes + size > byteLimit {
                contents.entries.removeAll(keepingCapacity: true)
                contents.bytes = 0
            }
            contents.entries[key] = body
            contents.bytes += size
        }
        return body
    }
}
