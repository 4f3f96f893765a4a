import Foundation
import Synchronization

#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// One HTTP GET whose answer is kept only up to a size limit and waited for
/// only up to a timeout: a pprof endpoint is a stranger's server, and a
/// goroutine dump of a big process can run to hundreds of MiB.
///
/// `@unchecked Sendable`: URLSession requires an NSObject delegate, which the
/// compiler cannot check; every stored property is a constant or behind the mutex.
final class BoundedDownload: NSObject, URLSessionDataDelegate, @unchecked Sendable {
    private typealias Outcome = Result<[UInt8], LiveFetchError>

    private struct State {
        var status = 0
        var body: [UInt8] = []
        var failure: LiveFetchError?
        var continuation: CheckedContinuation<Outcome, Never>?
    }

    private let url: URL
    private let limit: Int
    private let state = Mutex(State())

    private init(url: URL, limit: Int) {
        self.url = url
        self.limit = limit
    }

    /// The body of a 200 answer to a GET of `url`, or why there is none.
    static func get(_ url: URL, limit: Int, timeout: Duration) async throws(LiveFetchError) -> [UInt8] {
        let download = BoundedDownload(url: url, limit: limit)
        let configuration = URLSessionConfiguration.ephemeral
        let seconds = Double(timeout.components.seconds) + Double(timeout.components.attoseconds) / 1e18
        configuration.timeoutIntervalForRequest = seconds
        configuration.timeoutIntervalForResource = seconds
        // The session keeps its delegate until it is invalidated; finishing the one task lets both go.
        let session = URLSession(configuration: configuration, delegate: download, delegateQueue: nil)
        defer { session.finishTasksAndInvalidate() }
        let task = session.dataTask(with: URLRequest(url: url))
        let result = await withTaskCancellationHandler {
            await withCheckedContinuation { continuation in
                download.state.withLock { $0.continuation = continuation }
                task.resume()
            }
        } onCancel: {
            task.cancel()
        }
        return try result.get()
    }

    func urlSession(
        _ session: URLSession, dataTask: URLSessionDataTask, didReceive response: URLResponse,
        completionHandler: @escaping (URLSession.ResponseDisposition) -> Void
    ) {
        let tooLarge = response.expectedContentLength > Int64(limit)
        state.withLock {
            $0.status = (response as? HTTPURLResponse)?.statusCode ?? 0
            if tooLarge { $0.failure = .tooLarge(url: url.absoluteString, limit: limit) }
        }
        completionHandler(tooLarge ? .cancel : .allow)
    }

    func urlSession(_ session: URLSession, dataTask: URLSessionDataTask, didReceive data: Data) {
        let overflow = state.withLock { state in
            guard state.failure == nil, state.body.count + data.count <= limit else {
                state.failure = state.failure ?? .tooLarge(url: url.absoluteString, limit: limit)
                return true
            }
            state.body.append(contentsOf: data)
            return false
        }
        if overflow { dataTask.cancel() }
    }

    func urlSession(_ session: URLSession, task: URLSessionTask, didCompleteWithError error: (any Error)?) {
        let address = url.absoluteString
        let (continuation, outcome) = state.withLock { state in
            defer { state.continuation = nil }
            return (state.continuation, Self.outcome(of: state, error: error, url: address))
        }
        continuation?.resume(returning: outcome)
    }

    private static func outcome(of state: State, error: (any Error)?, url: String) -> Outcome {
        if let failure = state.failure { return .failure(failure) }
        if let error { return .failure(.unreachable(url: url, reason: error.localizedDescription)) }
        guard state.status == 200 else {
            let body = String(decoding: state.body.prefix(200), as: UTF8.self)
            return .failure(.status(url: url, code: state.status, body: body.trimmingWhitespace))
        }
        return .success(state.body)
    }
}
