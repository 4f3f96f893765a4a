import LeakKBModel

/// Why the profiles of a live service could not be taken.
package enum LiveFetchError: Error, Sendable, CustomStringConvertible {
    /// The URL given is not an http URL of a pprof index (net/http/pprof serves plain HTTP).
    case badURL(String)
    /// No answer: refused, unreachable, timed out.
    case unreachable(url: String, reason: String)
    /// An answer other than 200 OK.
    case status(url: String, code: Int, body: String)
    /// An answer larger than the limit for it.
    case tooLarge(url: String, limit: Int)
    /// An answer that is no profile.
    case profile(ProfileError)

    package var description: String {
        switch self {
        case .badURL(let url):
            "'\(url)' is not the URL of a pprof index; give one like http://127.0.0.1:6060/debug/pprof/"
        case .unreachable(let url, let reason):
            "\(url): no answer (\(reason)); is the service running, and does it serve net/http/pprof there?"
        case .status(let url, let code, let body):
            "\(url): the service answered \(code)"
                + (body.isEmpty ? "" : " (\(body.clipped(to: 120)))")
                + "; the URL should be the pprof index, like http://127.0.0.1:6060/debug/pprof/"
        case .tooLarge(let url, let limit):
            "\(url): the answer is larger than \(limit >> 20) MiB; it was not read further"
        case .profile(let error):
            error.description
        }
    }
}

extension LiveFetchError: Failure {
    package var exitCode: Int32 {
        switch self {
        case .badURL, .profile: ExitStatus.usage
        case .unreachable, .status, .tooLarge: ExitStatus.failure
        }
    }

    package var httpStatus: Int {
        switch self {
        case .badURL, .profile: 400
        case .unreachable, .status, .tooLarge: 502
        }
    }
}
