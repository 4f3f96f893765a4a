/// FNV-1a, 64-bit: enough to notice that a file changed, cheap enough to run
/// over every article. Not a security boundary.
package struct ContentHash {
    package private(set) var value: UInt64 = 0xcbf2_9ce4_8422_2325

    @inlinable package init() {}
    @usableFromInline static let prime: UInt64 = 0x0000_0100_0000_01b3

    @inlinable package mutating func add(_ bytes: some Sequence<UInt8>) {
        for byte in bytes { add(byte) }
    }

    /// Bytes in memory, in a local register rather than through `value`.
    @inlinable package mutating func add(_ bytes: UnsafeRawBufferPointer) {
        var value = self.value
        for byte in bytes {
            value ^= UInt64(byte)
            value &*= Self.prime
        }
        self.value = value
    }

    @inlinable package mutating func add(_ text: String) { add(text.utf8); add([0]) }

    @inlinable package mutating func add(_ byte: UInt8) {
        value ^= UInt64(byte)
        value &*= Self.prime
    }

    /// The number's eight bytes, least significant first.
    @inlinable package mutating func add(_ number: Int64) {
        var bits = UInt64(bitPattern: number)
        for _ in 0..<8 {
            add(UInt8(truncatingIfNeeded: bits))
            bits >>= 8
        }
    }

    package var hex: String {
        let digits = String(value, radix: 16)
        return String(repeating: "0", count: 16 - digits.count) + digits
    }

    package static func of(_ bytes: [UInt8]) -> String {
        var hash = ContentHash()
        hash.add(bytes)
        return hash.hex
    }
}
