import Foundation

/// A loopback TCP socket that listens and never accepts: connections are
/// made by the kernel, and no byte is ever answered.
struct SilentListener {
    let descriptor: Int32
    let port: Int

    init() throws {
        (descriptor, port) = try LoopbackSocket.bound()
        guard listen(descriptor, 16) == 0 else { throw LoopbackSocket.Failure.listen(errno) }
    }

    func close() { _ = Glibc.close(descriptor) }
}

/// A port on 127.0.0.1 that nothing listens on: bound, then closed.
enum ClosedPort {
    static func take() throws -> Int {
        let (descriptor, port) = try LoopbackSocket.bound()
        close(descriptor)
        return port
    }
}

/// A TCP socket bound to an ephemeral port of 127.0.0.1.
enum LoopbackSocket {
    enum Failure: Error {
        case socket(Int32), bind(Int32), listen(Int32)
    }

    static func bound() throws -> (descriptor: Int32, port: Int) {
        let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard descriptor >= 0 else { throw Failure.socket(errno) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { socketAddress in
                bind(descriptor, socketAddress, length) == 0 && getsockname(descriptor, socketAddress, &length) == 0
            }
        }
        guard bound else {
            close(descriptor)
            throw Failure.bind(errno)
        }
        return (descriptor, Int(UInt16(bigEndian: address.sin_port)))
    }
}
