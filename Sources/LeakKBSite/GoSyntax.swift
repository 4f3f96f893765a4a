import LeakKBModel

/// Go source as HTML with its tokens marked for the stylesheet: keywords,
/// predeclared names, strings and runes, comments and numbers. A small
/// tokenizer, not a parser: it is total over any bytes (an unterminated
/// string or comment runs to where Go would stop it), so a demo that does
/// not compile still shows as written.
package enum GoSyntax {
    package enum Token: String, Sendable {
        case keyword = "k", builtin = "b", string = "s", comment = "c", number = "n"
    }

    static let keywords: Set<String> = [
        "break", "case", "chan", "const", "continue", "default", "defer", "else", "fallthrough", "for", "func",
        "go", "goto", "if", "import", "interface", "map", "package", "range", "return", "select", "struct",
        "switch", "type", "var",
    ]
    static let builtins: Set<String> = [
        "any", "append", "bool", "byte", "cap", "clear", "close", "comparable", "complex", "copy", "delete",
        "error", "false", "float32", "float64", "int", "int16", "int32", "int64", "int8", "iota", "len", "make",
        "max", "min", "new", "nil", "panic", "print", "println", "real", "recover", "rune", "string", "true",
        "uint", "uint16", "uint32", "uint64", "uint8", "uintptr",
    ]

    /// The tokens of `source`, as (kind, byte range); bytes between them are plain.
    package static func tokens(_ source: [UInt8]) -> [(Token, Range<Int>)] {
        var found: [(Token, Range<Int>)] = []
        var i = 0
        let n = source.count
        func at(_ index: Int) -> UInt8 { index < n ? source[index] : 0 }
        while i < n {
            let start = i
            let byte = source[i]
            switch byte {
            case UInt8(ascii: "/") where at(i + 1) == UInt8(ascii: "/"):
                while i < n && source[i] != UInt8(ascii: "\n") { i += 1 }
                found.append((.comment, start..<i))
            case UInt8(ascii: "/") where at(i + 1) == UInt8(ascii: "*"):
                i += 2
                while i < n && !(source[i] == UInt8(ascii: "*") && at(i + 1) == UInt8(ascii: "/")) { i += 1 }
                i = min(n, i + 2)
                found.append((.comment, start..<i))
            case UInt8(ascii: "\""), UInt8(ascii: "'"):
                // Interpreted strings and runes end at their quote or the line.
                i += 1
                while i < n && source[i] != byte && source[i] != UInt8(ascii: "\n") {
                    i += source[i] == UInt8(ascii: "\\") && at(i + 1) != UInt8(ascii: "\n") ? 2 : 1
                }
                if i < n && source[i] == byte { i += 1 }
                found.append((.string, start..<min(i, n)))
                i = min(i, n)
            case UInt8(ascii: "`"):
                i += 1
                while i < n && source[i] != UInt8(ascii: "`") { i += 1 }
                i = min(n, i + 1)
                found.append((.string, start..<i))
            case UInt8(ascii: "0")...UInt8(ascii: "9"):
                i = number(source, from: i)
                found.append((.number, start..<i))
            case UInt8(ascii: ".") where isDigit(at(i + 1)):
                i = number(source, from: i + 1)
                found.append((.number, start..<i))
            case _ where isIdentifierStart(byte):
                while i < n && (isIdentifierStart(source[i]) || isDigit(source[i])) { i += 1 }
                let word = String(decoding: source[start..<i], as: UTF8.self)
                if keywords.contains(word) {
                    found.append((.keyword, start..<i))
                } else if builtins.contains(word) && (start == 0 || source[start - 1] != UInt8(ascii: ".")) {
                    found.append((.builtin, start..<i))
                }
            default:
                i += 1
            }
        }
        return found
    }

    /// The source as escaped HTML, each token in `<span class="…">`.
    package static func html(_ source: String) -> String {
        let bytes = Array(source.utf8)
        var html = ""
        html.reserveCapacity(bytes.count * 2)
        var cursor = 0
        for (token, range) in tokens(bytes) {
            html += String(decoding: bytes[cursor..<range.lowerBound], as: UTF8.self).htmlEscaped
            html += "<span class=\"\(token.rawValue)\">"
            html += String(decoding: bytes[range], as: UTF8.self).htmlEscaped
            html += "</span>"
            cursor = range.upperBound
        }
        return html + String(decoding: bytes[cursor...], as: UTF8.self).htmlEscaped
    }

    private static func isDigit(_ byte: UInt8) -> Bool { (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) }

    private static func isIdentifierStart(_ byte: UInt8) -> Bool {
        (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte) || (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte)
            || byte == UInt8(ascii: "_") || byte >= 0x80
    }

    /// The end of a number literal: digits, `_`, hex letters, a fraction,
    /// an exponent with its sign, and the imaginary `i`.
    private static func number(_ source: [UInt8], from start: Int) -> Int {
        let hex = source[start...].starts(with: "0x".utf8) || source[start...].starts(with: "0X".utf8)
        let exponents: [UInt8] = hex ? Array("pP".utf8) : Array("eE".utf8)
        var i = start
        while i < source.count {
            let byte = source[i]
            let isSign = (byte == UInt8(ascii: "+") || byte == UInt8(ascii: "-")) && exponents.contains(source[i - 1])
            guard isDigit(byte) || (byte < 0x80 && isIdentifierStart(byte)) || byte == UInt8(ascii: ".") || isSign
            else { break }
            i += 1
        }
        return i
    }
}
