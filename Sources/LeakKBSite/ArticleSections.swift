#if canImport(Glibc)
import Glibc
#endif

/// An article's rendered HTML with a ¶ permalink in each `<h2>` and `<h3>`,
/// and its `<h2>` sections for a table of contents. It reads the headings
/// that `Document` writes (`<h2 id="why">Why</h2>`); HTML that holds none
/// is kept as it is.
package struct ArticleSections {
    package struct Section: Sendable {
        package let id: String
        /// The heading's inner HTML (cmark's, already safe).
        package let title: String
    }

    package let html: String
    package let sections: [Section]

    package init(html source: String) {
        // Bytes, not String searches: Foundation's range(of:) here was a
        // seventh of a 10,000-page export.
        let bytes = Array(source.utf8)
        var html: [UInt8] = []
        html.reserveCapacity(bytes.count + 1024)
        var sections: [Section] = []
        var copied = 0
        var position = 0
        let attribute = Array(" id=\"".utf8)
        let heading = Array("<h".utf8)
        let idEnds = Array("\">".utf8)
        while let open = Self.find(heading, in: bytes, from: position) {
            position = open + 2
            guard position < bytes.count, bytes[position] == UInt8(ascii: "2") || bytes[position] == UInt8(ascii: "3"),
                bytes[(position + 1)...].starts(with: attribute),
                let idEnd = Self.find(idEnds, in: bytes, from: position + 1 + attribute.count),
                let close = Self.find(Array("</h".utf8) + [bytes[position], UInt8(ascii: ">")], in: bytes, from: idEnd)
            else { continue }
            let id = String(decoding: bytes[(position + 1 + attribute.count)..<idEnd], as: UTF8.self)
            if bytes[position] == UInt8(ascii: "2") {
                sections.append(Section(id: id, title: String(decoding: bytes[(idEnd + 2)..<close], as: UTF8.self)))
            }
            html += bytes[copied..<close]
            html += Self.permalink(id).utf8
            html += bytes[close..<(close + 5)]
            copied = close + 5
            position = copied
        }
        html += bytes[copied...]
        self.html = String(decoding: html, as: UTF8.self)
        self.sections = sections
    }

    /// Where `needle` first occurs in `bytes` at or after `start`: libc's
    /// `memchr` finds each candidate first byte (a loop over every byte here
    /// was half of reading the sections).
    private static func find(_ needle: [UInt8], in bytes: [UInt8], from start: Int) -> Int? {
        guard let first = needle.first, start >= 0, start <= bytes.count - needle.count else { return nil }
        return bytes.withUnsafeBufferPointer { haystack -> Int? in
            needle.withUnsafeBufferPointer { needle -> Int? in
                guard let base = haystack.baseAddress, let rest = needle.baseAddress else { return nil }
                var position = start
                let last = haystack.count - needle.count
                while position <= last,
                    let found = memchr(base + position, Int32(first), last - position + 1)
                {
                    position = base.distance(to: found.assumingMemoryBound(to: UInt8.self))
                    if memcmp(base + position, rest, needle.count) == 0 { return position }
                    position += 1
                }
                return nil
            }
        }
    }

    /// The ¶ link a heading carries, shown on hover and focus.
    package static func permalink(_ id: String) -> String {
        " <a class=\"permalink\" href=\"#\(id)\" aria-label=\"Link to this section\">¶</a>"
    }
}
