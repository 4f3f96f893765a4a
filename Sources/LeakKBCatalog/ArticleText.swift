import LeakKBModel
/// An article file split into its YAML front matter and its Markdown body,
/// remembering where the body starts so body errors can name file lines.
package struct ArticleText {
    package let frontMatter: String
    /// The file line on which the front matter's first line stands.
    package let frontMatterLine: Int
    package let body: String
    /// The file line on which the body's first line stands.
    package let bodyLine: Int

    /// Splits raw file bytes; throws diagnostics for text that is not an
    /// article at all (binary, not UTF-8, no front matter).
    package static func split(_ bytes: [UInt8], file: String) throws(Diagnostic) -> ArticleText {
        if bytes.isEmpty {
            throw Diagnostic(
                file: file, line: 1, message: "empty file; an article starts with a '---' front matter block")
        }
        if let nul = bytes.firstIndex(of: 0) {
            throw Diagnostic(
                file: file, line: lineNumber(of: nul, in: bytes),
                message: "binary file (NUL byte); articles are UTF-8 Markdown")
        }
        guard String(validating: bytes, as: UTF8.self) != nil else {
            let bad = firstInvalidUTF8(bytes)
            throw Diagnostic(
                file: file, line: lineNumber(of: bad, in: bytes), message: "invalid UTF-8 at byte \(bad + 1)")
        }
        // Work on bytes: articles are split on every index refresh, and
        // Character-level splitting of whole files is the slow part.
        var start = 0
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { start = 3 }  // BOM
        guard let first = Self.line(in: bytes, from: start),
            Self.isDelimiter(bytes[first.start..<first.end], closing: false)
        else {
            throw Diagnostic(file: file, line: 1, message: "missing front matter: the first line must be '---'")
        }
        var number = 2
        var cursor = first.next
        while let line = Self.line(in: bytes, from: cursor) {
            if Self.isDelimiter(bytes[line.start..<line.end], closing: true) {
                return ArticleText(
                    frontMatter: String(decoding: bytes[first.next..<line.start], as: UTF8.self),
                    frontMatterLine: 2,
                    body: String(decoding: bytes[line.next...], as: UTF8.self),
                    bodyLine: number + 1
                )
            }
            number += 1
            cursor = line.next
        }
        throw Diagnostic(file: file, line: 1, message: "front matter is not closed: no '---' line after line 1")
    }

    /// The line starting at `start`: its content range (without `\r\n`)
    /// and where the next line starts; nil at the end of the bytes.
    private static func line(in bytes: [UInt8], from start: Int) -> (start: Int, end: Int, next: Int)? {
        guard start < bytes.count else { return nil }
        let newline = bytes[start...].firstIndex(of: UInt8(ascii: "\n"))
        var end = newline ?? bytes.count
        if end > start && bytes[end - 1] == UInt8(ascii: "\r") { end -= 1 }
        return (start, end, newline.map { $0 + 1 } ?? bytes.count)
    }

    private static func lineNumber(of offset: Int, in bytes: [UInt8]) -> Int {
        1 + bytes[..<offset].lazy.filter { $0 == UInt8(ascii: "\n") }.count
    }

    private static func isDelimiter(_ line: ArraySlice<UInt8>, closing: Bool) -> Bool {
        line.elementsEqual("---".utf8) || (closing && line.elementsEqual("...".utf8))
    }

    /// Where decoding first goes wrong; only used to name a line, so overlong
    /// forms are not distinguished.
    private static func firstInvalidUTF8(_ bytes: [UInt8]) -> Int {
        var index = 0
        while index < bytes.count {
            let lead = bytes[index]
            let width =
                lead < 0x80 ? 1 : lead >> 5 == 0b110 ? 2 : lead >> 4 == 0b1110 ? 3 : lead >> 3 == 0b11110 ? 4 : 0
            guard width > 0, index + width <= bytes.count,
                bytes[(index + 1)..<(index + width)].allSatisfy({ $0 & 0xC0 == 0x80 })
            else { return index }
            index += width
        }
        return index
    }
}
