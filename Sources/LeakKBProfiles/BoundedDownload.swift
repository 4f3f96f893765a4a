import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// One HTTP GET whose answer is kept only up to a size limit and waited for
/// only up to a timeout: a pprof endpoint is a stranger's server, and a
/// goroutine dump of a big process can run to hundreds of MiB.
///
/// A plain HTTP/1.0 request over a socket, not URLSession: Foundation's
/// networking links libcurl, which the static release build does not have,
/// and pprof endpoints are plain HTTP on the service's own port. HTTP/1.0
/// makes Go's server close the connection after the answer, unchunked.
enum BoundedDownload {
    /// The body of a 200 answer to a GET of `url`, or why there is none.
    static func get(_ url: URL, limit: Int, timeout: Duration) async throws(LiveFetchError) -> [UInt8] {
        let address = url.absoluteString
        guard url.scheme?.lowercased() == "http", let host = url.host, !host.isEmpty,
            let components = URLComponents(url: url, resolvingAgainstBaseURL: false)
        else { throw .badURL(address) }
        let port = url.port ?? 80
        let target =
            (components.percentEncodedPath.isEmpty ? "/" : components.percentEncodedPath)
            + (components.percentEncodedQuery.map { "?" + $0 } ?? "")
        let deadline = ContinuousClock.now + timeout
        let socket = try connect(
            host: host.trimmingCharacters(in: ["[", "]"]), port: port, deadline: deadline, url: address)
        defer { close(socket) }
        let request = "GET \(target) HTTP/1.0\r\nHost: \(host):\(port)\r\nUser-Agent: leakkb\r\n\r\n"
        try send(Array(request.utf8), on: socket, deadline: deadline, url: address)
        // The head is small; the body may be up to `limit`.
        let answer = try receive(from: socket, limit: limit + 64 << 10, deadline: deadline, url: address)
        guard let end = answer.firstRange(of: [13, 10, 13, 10]) else {
            throw .unreachable(url: address, reason: "the answer has no complete HTTP head")
        }
        let head = String(decoding: answer[..<end.lowerBound], as: UTF8.self).split(separator: "\r\n")
        let statusWords = head.first?.split(separator: " ") ?? []
        guard statusWords.count >= 2, statusWords[0].hasPrefix("HTTP/"), let code = Int(statusWords[1]) else {
            throw .unreachable(url: address, reason: "the answer is not HTTP")
        }
        let body = Array(answer[end.upperBound...])
        guard code == 200 else {
            let text = String(decoding: body.prefix(200), as: UTF8.self)
            throw .status(url: address, code: code, body: text.trimmingWhitespace)
        }
        guard body.count <= limit else { throw .tooLarge(url: address, limit: limit) }
        return body
    }

    private static func remaining(_ deadline: ContinuousClock.Instant) -> Int32 {
        let left = deadline - .now
        guard left > .zero else { return 0 }
        return Int32(clamping: left.components.seconds * 1000 + left.components.attoseconds / 1_000_000_000_000_000)
    }

    private static func connect(
        host: String, port: Int, deadline: ContinuousClock.Instant, url: String
    )
        throws(LiveFetchError) -> Int32
    {
        var hints = addrinfo()
        hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
        var found: UnsafeMutablePointer<addrinfo>?
        let status = getaddrinfo(host, String(port), &hints, &found)
        guard status == 0, let first = found else {
            throw .unreachable(url: url, reason: String(cString: gai_strerror(status)))
        }
        defer { freeaddrinfo(first) }
        var reason = "no address"
        var next: UnsafeMutablePointer<addrinfo>? = first
        while let info = next {
            next = info.pointee.ai_next
            let descriptor = socket(info.pointee.ai_family, info.pointee.ai_socktype | Int32(SOCK_CLOEXEC.rawValue), 0)
            guard descriptor >= 0 else { continue }
            _ = fcntl(descriptor, F_SETFL, fcntl(descriptor, F_GETFL) | O_NONBLOCK)
            if Glibc.connect(descriptor, info.pointee.ai_addr, info.pointee.ai_addrlen) == 0 || errno == EINPROGRESS {
                var poller = pollfd(fd: descriptor, events: Int16(POLLOUT), revents: 0)
                var error: Int32 = 0
                var length = socklen_t(MemoryLayout<Int32>.size)
                if poll(&poller, 1, remaining(deadline)) == 1,
                    getsockopt(descriptor, SOL_SOCKET, SO_ERROR, &error, &length) == 0, error == 0
                {
                    return descriptor
                }
                reason = error != 0 ? String(cString: strerror(error)) : "timed out"
            } else {
                reason = String(cString: strerror(errno))
            }
            close(descriptor)
        }
        throw .unreachable(url: url, reason: reason)
    }

    private static func send(
        _ bytes: [UInt8], on socket: Int32, deadline: ContinuousClock.Instant, url: String
    )
        throws(LiveFetchError)
    {
        var sent = 0
        while sent < bytes.count {
            var poller = pollfd(fd: socket, events: Int16(POLLOUT), revents: 0)
            guard poll(&poller, 1, remaining(deadline)) == 1 else { throw .unreachable(url: url, reason: "timed out") }
            let count = bytes[sent...].withUnsafeBytes {
                Glibc.send(socket, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL))
            }
            if count < 0 && errno != EAGAIN && errno != EINTR {
                throw .unreachable(url: url, reason: String(cString: strerror(errno)))
            }
            sent += max(0, count)
        }
    }

    private static func receive(
        from socket: Int32, limit: Int, deadline: ContinuousClock.Instant, url: String
    )
        throws(LiveFetchError) -> [UInt8]
    {
        var answer: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 64 << 10)
        while true {
            var poller = pollfd(fd: socket, events: Int16(POLLIN), revents: 0)
            guard poll(&poller, 1, remaining(deadline)) == 1 else { throw .unreachable(url: url, reason: "timed out") }
            let count = chunk.withUnsafeMutableBytes { recv(socket, $0.baseAddress, $0.count, 0) }
            if count == 0 { return answer }
            if count < 0 {
                if errno == EAGAIN || errno == EINTR { continue }
                throw .unreachable(url: url, reason: String(cString: strerror(errno)))
            }
            guard answer.count + count <= limit else { throw .tooLarge(url: url, limit: limit - 64 << 10) }
            answer.append(contentsOf: chunk[..<count])
        }
    }
}
