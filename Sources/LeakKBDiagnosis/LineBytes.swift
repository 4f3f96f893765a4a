#if canImport(Glibc)
import Glibc
#endif

/// One line of input as the reader's buffer holds it, without its line
/// ending: valid only until the reader reads on. Parsing bytes, not
/// `Character`s, is what lets a dump of 100,000 goroutines be read in a
/// fraction of a second: every byte that Go prints for structure is ASCII.
package typealias LineBytes = Slice<UnsafeBufferPointer<UInt8>>

extension Slice where Base == UnsafeBufferPointer<UInt8> {
    func hasPrefix(_ prefix: StaticString) -> Bool {
        count >= prefix.utf8CodeUnitCount && hasBytes(prefix, at: startIndex)
    }

    func hasSuffix(_ suffix: StaticString) -> Bool {
        count >= suffix.utf8CodeUnitCount && hasBytes(suffix, at: endIndex - suffix.utf8CodeUnitCount)
    }

    /// Where `needle` first occurs, if it does.
    func range(of needle: StaticString) -> Range<Int>? {
        let length = needle.utf8CodeUnitCount
        guard length > 0, count >= length else { return nil }
        let first = needle.utf8Start.pointee
        var index = startIndex
        while index <= endIndex - length, let hit = firstIndex(of: first, from: index) {
            guard hit <= endIndex - length else { return nil }
            if hasBytes(needle, at: hit) { return hit..<hit + length }
            index = hit + 1
        }
        return nil
    }

    /// The first `byte` at or after `from`, found with memchr.
    func firstIndex(of byte: UInt8, from: Int) -> Int? {
        guard from < endIndex, let base = base.baseAddress else { return nil }
        return memchr(base + from, Int32(byte), endIndex - from).map {
            base.distance(to: $0.assumingMemoryBound(to: UInt8.self))
        }
    }

    /// Without leading and trailing spaces and tabs.
    var trimmingSpaces: Self {
        let isSpace = { (byte: UInt8) in byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") }
        guard let first = firstIndex(where: { !isSpace($0) }), let last = lastIndex(where: { !isSpace($0) }) else {
            return self[startIndex..<startIndex]
        }
        return self[first...last]
    }

    /// The decimal number the bytes spell, ASCII digits only; nil for
    /// anything else, an empty slice or a number past `Int.max`.
    var decimal: Int? {
        guard !isEmpty else { return nil }
        var value = 0
        for byte in self {
            guard byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") else { return nil }
            let (times, overflow) = value.multipliedReportingOverflow(by: 10)
            let (sum, overflowSum) = times.addingReportingOverflow(Int(byte - UInt8(ascii: "0")))
            guard !overflow && !overflowSum else { return nil }
            value = sum
        }
        return value
    }

    /// The leading ASCII digits.
    var digitPrefix: Self {
        prefix { $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }
    }

    var string: String { String(decoding: self, as: UTF8.self) }

    /// Where the bytes lie in the line's buffer (`indices`, without generic metadata at run time).
    var span: Range<Int> { startIndex..<endIndex }

    private func hasBytes(_ text: StaticString, at offset: Int) -> Bool {
        guard let base = base.baseAddress else { return text.utf8CodeUnitCount == 0 }
        return memcmp(base + offset, text.utf8Start, text.utf8CodeUnitCount) == 0
    }
}
