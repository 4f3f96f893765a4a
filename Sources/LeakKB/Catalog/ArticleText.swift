/// An article file split into its YAML front matter and its Markdown body,
/// remembering where the body starts so body errors can name file lines.
struct ArticleText {
    let frontMatter: String
    /// The file line on which the front matter's first line stands.
    let frontMatterLine: Int
    let body: String
    /// The file line on which the body's first line stands.
    let bodyLine: Int

    /// Splits raw file bytes; throws diagnostics for text that is not an
    /// article at all (binary, not UTF-8, no front matter).
    static func split(_ bytes: [UInt8], file: String) throws(Diagnostic) -> ArticleText {
        if bytes.isEmpty {
            throw Diagnostic(file: file, line: 1, message: "empty file; an article starts with a '---' front matter block")
        }
        if let nul = bytes.firstIndex(of: 0) {
            throw Diagnostic(file: file, line: lineNumber(of: nul, in: bytes), message: "binary file (NUL byte); articles are UTF-8 Markdown")
        }
        guard let text = String(validating: bytes, as: UTF8.self) else {
            let bad = firstInvalidUTF8(bytes)
            throw Diagnostic(file: file, line: lineNumber(of: bad, in: bytes), message: "invalid UTF-8 at byte \(bad + 1)")
        }
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map { line in
            line.hasSuffix("\r") ? line.dropLast() : line
        }
        if lines.first.map({ $0.hasPrefix("\u{FEFF}") }) == true { lines[0] = lines[0].dropFirst() }
        guard lines.first == "---" else {
            throw Diagnostic(file: file, line: 1, message: "missing front matter: the first line must be '---'")
        }
        guard let close = lines.dropFirst().firstIndex(where: { $0 == "---" || $0 == "..." }) else {
            throw Diagnostic(file: file, line: 1, message: "front matter is not closed: no '---' line after line 1")
        }
        return ArticleText(
            frontMatter: lines[1..<close].joined(separator: "\n"),
            frontMatterLine: 2,
            body: lines[(close + 1)...].joined(separator: "\n"),
            bodyLine: close + 2
        )
    }

    private static func lineNumber(of offset: Int, in bytes: [UInt8]) -> Int {
        1 + bytes[..<offset].lazy.filter { $0 == UInt8(ascii: "\n") }.count
    }

    /// Where decoding first goes wrong; only used to name a line, so overlong
    /// forms are not distinguished.
    private static func firstInvalidUTF8(_ bytes: [UInt8]) -> Int {
        var index = 0
        while index < bytes.count {
            let lead = bytes[index]
            let width = lead < 0x80 ? 1 : lead >> 5 == 0b110 ? 2 : lead >> 4 == 0b1110 ? 3 : lead >> 3 == 0b11110 ? 4 : 0
            guard width > 0, index + width <= bytes.count,
                  bytes[(index + 1)..<(index + width)].allSatisfy({ $0 & 0xC0 == 0x80 })
            else { return index }
            index += width
        }
        return index
    }
}
