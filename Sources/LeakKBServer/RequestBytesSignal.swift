import NIOCore

/// First in a connection's pipeline: tells the handlers after the HTTP
/// decoder that bytes came in, which they cannot see until a whole request
/// head has been decoded (how `HeaderTimeoutHandler` knows a head has begun).
final class RequestBytesSignal: ChannelInboundHandler, RemovableChannelHandler {
    typealias InboundIn = ByteBuffer
    typealias InboundOut = ByteBuffer

    struct Arrived {}

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        context.fireUserInboundEventTriggered(Arrived())
        context.fireChannelRead(data)
    }
}
