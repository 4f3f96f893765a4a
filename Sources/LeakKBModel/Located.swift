/// A value read from a file, with the line it came from.
public struct Located<Value: Sendable & Codable & Hashable>: Sendable, Codable, Hashable {
    public let value: Value
    public let line: Int

    public init(_ value: Value, line: Int) {
        self.value = value
        self.line = line
    }
}
