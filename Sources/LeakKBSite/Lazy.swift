import Synchronization

/// A value made on first use, once, by whichever thread asks first (the
/// others wait for it): an export renders its pages on several threads, and
/// what some of them share is needed only when one of them is rendered.
final class Lazy<Value: Sendable>: Sendable {
    private let make: @Sendable () throws -> Value
    private let state = Mutex<Result<Value, any Error>?>(nil)

    init(_ make: @escaping @Sendable () throws -> Value) {
        self.make = make
    }

    func value() throws -> Value {
        try state.withLock { state in
            if let state { return try state.get() }
            let result = Result { try make() }
            state = result
            return try result.get()
        }
    }
}
