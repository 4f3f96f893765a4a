#if canImport(Glibc)
import Glibc
#endif

/// Turns cmark's line numbers into the file's. CommonMark ends a line at a
/// line feed, a carriage return or both; leakkb, like grep, git and `wc -l`,
/// counts line feeds only, so a text holding a carriage return alone would
/// otherwise name lines past its end.
package struct SourceLines: Sendable {
    private let offset: Int
    /// The line-feed line of each cmark line (index 0 is cmark's line 1), or
    /// nil when the text has no lone carriage return and the two agree.
    private let lineFeedLines: [Int]?

    /// `firstLine` is the file line of the text's first line.
    package init(_ text: String, firstLine: Int) {
        offset = firstLine - 1
        var text = text
        // Most texts hold no carriage return at all: memchr says so at memory speed.
        let hasReturn = text.withUTF8 { bytes in
            bytes.baseAddress.map { memchr($0, Int32(UInt8(ascii: "\r")), bytes.count) != nil } ?? false
        }
        guard hasReturn else {
            lineFeedLines = nil
            return
        }
        let bytes = text.utf8
        var loneReturn = false
        var previous: UInt8 = 0
        for byte in bytes {
            if previous == UInt8(ascii: "\r") && byte != UInt8(ascii: "\n") {
                loneReturn = true
                break
            }
            previous = byte
        }
        guard loneReturn || previous == UInt8(ascii: "\r") else {
            lineFeedLines = nil
            return
        }
        var lines = [1]
        var lineFeeds = 1
        previous = 0
        for byte in bytes {
            if byte == UInt8(ascii: "\n") {
                lineFeeds += 1
                if previous != UInt8(ascii: "\r") {
                    lines.append(lineFeeds)
                } else {
                    lines[lines.count - 1] = lineFeeds
                }
            } else if byte == UInt8(ascii: "\r") {
                lines.append(lineFeeds)
            }
            previous = byte
        }
        lineFeedLines = lines
    }

    /// The file line of cmark's line `line` (1-based).
    package func fileLine(_ line: Int) -> Int {
        guard let lineFeedLines else { return line + offset }
        return lineFeedLines[min(max(line, 1), lineFeedLines.count) - 1] + offset
    }
}
