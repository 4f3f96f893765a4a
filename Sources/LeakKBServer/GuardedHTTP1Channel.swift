import Hummingbird
import HummingbirdCore
import Logging
import NIOCore
import NIOHTTP1

/// Hummingbird's HTTP/1 connection with the limits a public server needs
/// around it: a header timeout and closing after a response to a request
/// that did not ask for keep-alive. (The idle timeout is Hummingbird's own.)
struct GuardedHTTP1Channel: ServerChildChannel {
    typealias Value = HTTP1Channel.Value

    let http1: HTTP1Channel
    let headerTimeout: TimeAmount

    func setup(channel: any Channel, logger: Logger) -> EventLoopFuture<Value> {
        http1.setup(channel: channel, logger: logger).flatMapThrowing { value in
            let pipeline = channel.pipeline.syncOperations
            let decoder = try pipeline.handler(type: ByteToMessageHandler<HTTPRequestDecoder>.self)
            try pipeline.addHandler(RequestBytesSignal(), position: .first)
            try pipeline.addHandlers(
                [HeaderTimeoutHandler(timeout: headerTimeout), CloseWithoutKeepAlive()],
                position: .after(decoder))
            return value
        }
    }

    func handle(value: Value, logger: Logger) async {
        await http1.handle(value: value, logger: logger)
    }
}

extension HTTPServerBuilder {
    /// HTTP/1 with an idle timeout, a header timeout and HTTP/1.0 connections closed after their answer.
    static func guardedHTTP1(idleTimeout: Duration, headerTimeout: Duration) -> HTTPServerBuilder {
        HTTPServerBuilder { responder in
            GuardedHTTP1Channel(
                http1: HTTP1Channel(responder: responder, configuration: .init(idleTimeout: TimeAmount(idleTimeout))),
                headerTimeout: TimeAmount(headerTimeout)
            )
        }
    }
}
