import NIOCore
import NIOHTTP1

/// Closes the connection once a response is written when the request did not
/// ask to keep it (HTTP/1.0 without `Connection: keep-alive`). Hummingbird
/// sees requests as version-less HTTP types, so this sits before that
/// conversion, where the version is still known.
final class CloseWithoutKeepAlive: ChannelDuplexHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPServerRequestPart
    typealias InboundOut = HTTPServerRequestPart
    typealias OutboundIn = HTTPServerResponsePart
    typealias OutboundOut = HTTPServerResponsePart

    private var keepAlive = true

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        if case .head(let head) = unwrapInboundIn(data) { keepAlive = head.isKeepAlive }
        context.fireChannelRead(data)
    }

    func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
        guard case .end = unwrapOutboundIn(data), !keepAlive else { return context.write(data, promise: promise) }
        let written = promise ?? context.eventLoop.makePromise()
        context.writeAndFlush(data, promise: written)
        let loopBound = NIOLoopBound(context, eventLoop: context.eventLoop)
        // After the bytes are out: closing with writes pending would drop them.
        written.futureResult.whenComplete { _ in loopBound.value.close(promise: nil) }
    }
}
