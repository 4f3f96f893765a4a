/// A number of bytes as people read them: `512 B`, `64.0 KiB`, `1.5 MiB`;
/// signed, a growth: `+2.0 MiB`, `-512 B`.
package struct ByteCount: CustomStringConvertible, Sendable {
    package let bytes: Int64
    package let signed: Bool

    package init(_ bytes: Int64, signed: Bool = false) {
        self.bytes = bytes
        self.signed = signed
    }

    package var description: String {
        let sign = bytes < 0 ? "-" : signed ? "+" : ""
        let magnitude = bytes.magnitude
        let units = ["B", "KiB", "MiB", "GiB", "TiB", "PiB", "EiB"]
        var unit = 0
        while unit + 1 < units.count && magnitude >= UInt64(1) << (10 * UInt64(unit + 1)) { unit += 1 }
        guard unit > 0 else { return "\(sign)\(magnitude) B" }
        // Tenths, rounded, without floating point; the remainder below 2^60 times 10 stays in 64 bits.
        let shift = 10 * UInt64(unit)
        let remainder = magnitude & ((UInt64(1) << shift) - 1)
        let tenths = (magnitude >> shift) * 10 + (remainder * 10 + (UInt64(1) << (shift - 1))) >> shift
        return "\(sign)\(tenths / 10).\(tenths % 10) \(units[unit])"
    }
}
