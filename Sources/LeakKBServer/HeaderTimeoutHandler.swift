import NIOCore
import NIOHTTP1

/// Closes a connection whose request head has begun to arrive but is not
/// complete within `timeout` (slowloris). Between requests the idle timeout
/// applies instead, so a kept-alive connection is not cut short by this one.
final class HeaderTimeoutHandler: ChannelDuplexHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPServerRequestPart
    typealias InboundOut = HTTPServerRequestPart
    typealias OutboundIn = HTTPServerResponsePart
    typealias OutboundOut = HTTPServerResponsePart

    private enum State {
        case betweenRequests
        case readingHead(Scheduled<Void>)
        case handlingRequest
    }

    private let timeout: TimeAmount
    private var state = State.betweenRequests

    init(timeout: TimeAmount) {
        self.timeout = timeout
    }

    func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
        guard event is RequestBytesSignal.Arrived else { return context.fireUserInboundEventTriggered(event) }
        guard case .betweenRequests = state else { return }
        let loopBound = NIOLoopBound(context, eventLoop: context.eventLoop)
        state = .readingHead(context.eventLoop.scheduleTask(in: timeout) { loopBound.value.close(promise: nil) })
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        if case .head = unwrapInboundIn(data) {
            cancelTimer()
            state = .handlingRequest
        }
        context.fireChannelRead(data)
    }

    func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
        if case .end = unwrapOutboundIn(data), case .handlingRequest = state { state = .betweenRequests }
        context.write(data, promise: promise)
    }

    func channelInactive(context: ChannelHandlerContext) {
        cancelTimer()
        context.fireChannelInactive()
    }

    func handlerRemoved(context: ChannelHandlerContext) { cancelTimer() }

    private func cancelTimer() {
        if case .readingHead(let timer) = state { timer.cancel() }
    }
}
