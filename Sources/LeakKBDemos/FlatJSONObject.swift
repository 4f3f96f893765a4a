/// One JSON object whose values are scalars: what a line of the demo
/// protocol is. Read by hand rather than with `JSONDecoder` because the
/// protocol needs what the decoder hides: a number as it was written (`1e999`
/// is an error to report, not infinity or a silently dropped field), keys
/// that appear twice, and what kind of value stands where a number belongs.
/// Total over any bytes: every way a line can be wrong is a `problem`.
package struct FlatJSONObject {
    package enum Value: Equatable {
        case number(Double, written: String)
        case string(String)
        case bool(Bool)
        case null
    }

    /// The members in the order they were written.
    package let members: [(key: String, value: Value)]

    /// Why a line is not a flat JSON object, in a few words.
    package struct Problem: Error, Equatable {
        package let text: String
        package init(_ text: String) { self.text = text }
    }

    package init(parsing bytes: some Collection<UInt8>) throws(Problem) {
        var reader = Reader(bytes: Array(bytes))
        members = try reader.object()
    }

    private struct Reader {
        package let bytes: [UInt8]
        package var position = 0

        package var current: UInt8? { position < bytes.count ? bytes[position] : nil }

        package mutating func skipWhitespace() {
            while let byte = current, byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D { position += 1 }
        }

        package mutating func expect(_ byte: UInt8, _ what: String) throws(Problem) {
            skipWhitespace()
            guard current == byte else { throw Problem("expected \(what) at column \(position + 1)") }
            position += 1
        }

        package mutating func object() throws(Problem) -> [(key: String, value: Value)] {
            skipWhitespace()
            guard current == UInt8(ascii: "{") else { throw Problem("not a JSON object") }
            position += 1
            var members: [(key: String, value: Value)] = []
            skipWhitespace()
            if current == UInt8(ascii: "}") {
                position += 1
            } else {
                while true {
                    skipWhitespace()
                    guard current == UInt8(ascii: "\"") else {
                        throw Problem("expected a quoted key at column \(position + 1)")
                    }
                    let key = try string()
                    try expect(UInt8(ascii: ":"), "':' after \"\(key.clipped)\"")
                    members.append((key, try value(of: key)))
                    skipWhitespace()
                    if current == UInt8(ascii: ",") { position += 1; continue }
                    try expect(UInt8(ascii: "}"), "',' or '}'")
                    break
                }
            }
            skipWhitespace()
            guard current == nil else { throw Problem("text after the object at column \(position + 1)") }
            return members
        }

        package mutating func value(of key: String) throws(Problem) -> Value {
            skipWhitespace()
            switch current {
            case UInt8(ascii: "\""): return .string(try string())
            case UInt8(ascii: "{"), UInt8(ascii: "["):
                throw Problem("\"\(key.clipped)\" holds a nested \(current == UInt8(ascii: "{") ? "object" : "array")")
            case UInt8(ascii: "t"): try literal("true"); return .bool(true)
            case UInt8(ascii: "f"): try literal("false"); return .bool(false)
            case UInt8(ascii: "n"): try literal("null"); return .null
            case nil: throw Problem("the line ends where the value of \"\(key.clipped)\" should be")
            default: return try number(of: key)
            }
        }

        mutating func literal(_ word: String) throws(Problem) {
            let utf8 = Array(word.utf8)
            guard bytes.count - position >= utf8.count, Array(bytes[position..<position + utf8.count]) == utf8 else {
                throw Problem("unexpected text at column \(position + 1)")
            }
            position += utf8.count
        }

        /// JSON's number grammar: -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?
        mutating func number(of key: String) throws(Problem) -> Value {
            let start = position
            func digits() -> Int {
                let first = position
                while let byte = current, (0x30...0x39).contains(byte) { position += 1 }
                return position - first
            }
            if current == UInt8(ascii: "-") { position += 1 }
            let leadingZero = current == UInt8(ascii: "0")
            let whole = digits()
            var valid = whole > 0 && !(leadingZero && whole > 1)
            if valid, current == UInt8(ascii: ".") {
                position += 1
                valid = digits() > 0
            }
            if valid, current == UInt8(ascii: "e") || current == UInt8(ascii: "E") {
                position += 1
                if current == UInt8(ascii: "+") || current == UInt8(ascii: "-") { position += 1 }
                valid = digits() > 0
            }
            let written = String(decoding: bytes[start..<position], as: UTF8.self)
            guard valid, let number = Double(written) else {
                throw Problem("the value of \"\(key.clipped)\" is not a JSON value at column \(start + 1)")
            }
            return .number(number, written: written)
        }

        mutating func string() throws(Problem) -> String {
            let start = position
            position += 1  // the opening quote
            var utf8: [UInt8] = []
            while true {
                guard let byte = current else {
                    throw Problem("a string starting at column \(start + 1) is not closed")
                }
                position += 1
                switch byte {
                case UInt8(ascii: "\""):
                    guard let text = String(validating: utf8, as: UTF8.self) else {
                        throw Problem("the string at column \(start + 1) is not valid UTF-8")
                    }
                    return text
                case UInt8(ascii: "\\"):
                    try escape(into: &utf8)
                case ..<0x20:
                    throw Problem("a control character inside the string at column \(start + 1)")
                default:
                    utf8.append(byte)
                }
            }
        }

        mutating func escape(into utf8: inout [UInt8]) throws(Problem) {
            let simple: [UInt8: UInt8] = [
                UInt8(ascii: "\""): 0x22, UInt8(ascii: "\\"): 0x5C, UInt8(ascii: "/"): 0x2F, UInt8(ascii: "b"): 0x08,
                UInt8(ascii: "f"): 0x0C, UInt8(ascii: "n"): 0x0A, UInt8(ascii: "r"): 0x0D, UInt8(ascii: "t"): 0x09,
            ]
            guard let byte = current else { throw Problem("the line ends inside an escape") }
            position += 1
            if let plain = simple[byte] {
                utf8.append(plain)
                return
            }
            guard byte == UInt8(ascii: "u") else { throw Problem("unknown escape at column \(position - 1)") }
            var scalar = try hexQuad()
            if (0xD800...0xDBFF).contains(scalar) {
                // A high surrogate must be followed by an escaped low one.
                guard bytes[position...].starts(with: [UInt8(ascii: "\\"), UInt8(ascii: "u")]) else {
                    throw Problem("a lone surrogate at column \(position - 5)")
                }
                position += 2
                let low = try hexQuad()
                guard (0xDC00...0xDFFF).contains(low) else {
                    throw Problem("a lone surrogate at column \(position - 11)")
                }
                scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
            }
            guard let unicode = Unicode.Scalar(scalar) else {
                throw Problem("a lone surrogate at column \(position - 5)")
            }
            utf8.append(contentsOf: String(Character(unicode)).utf8)
        }

        mutating func hexQuad() throws(Problem) -> UInt32 {
            guard bytes.count - position >= 4,
                let value = UInt32(String(decoding: bytes[position..<position + 4], as: UTF8.self), radix: 16),
                bytes[position..<position + 4].allSatisfy({ $0 != UInt8(ascii: "+") && $0 != UInt8(ascii: "-") })
            else { throw Problem("\\u must be followed by four hex digits at column \(position + 1)") }
            position += 4
            return value
        }
    }
}
