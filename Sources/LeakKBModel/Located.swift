/// A value read from a file, with the line it came from.
package struct Located<Value: Sendable & Codable & Hashable>: Sendable, Codable, Hashable {
    package let value: Value
    package let line: Int

    package init(_ value: Value, line: Int) {
        self.value = value
        self.line = line
    }
}
