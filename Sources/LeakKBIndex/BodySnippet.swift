#if canImport(Glibc)
import Glibc
#endif

/// What a search hit shows of its article: about `length` words of the
/// body (plain text) from just before the first place a term of the query
/// occurs, every term in them marked with `Snippet.open`/`Snippet.close`.
/// A term matches as `SearchRanking` matches it in the short fields: its
/// words one after the other (a final `s` ignored on words of more than
/// three letters), the last term as typed also as the start of a word, and
/// text in a script written without spaces wherever it occurs. Made from
/// the stored text of the page's few hits, reading no more of each body
/// than the first match and its window: FTS5's `snippet()` read the whole
/// doclist of every term to find them.
struct BodySnippet {
    /// How many words a snippet shows.
    static let length = 14
    /// How many words back the start of the match's sentence may be for the
    /// snippet to start there; otherwise it starts `leadIn` words back.
    private static let sentenceReach = 5
    private static let leadIn = 3

    private let bytes: UnsafeBufferPointer<UInt8>
    /// The alternatives in a script with spaces, as words, each with whether its last word may be a prefix.
    private let words: [(parts: [[UInt8]], prefix: Bool)]
    /// The other alternatives, lower-cased UTF-8.
    private let others: [[UInt8]]

    /// The snippet of `text` for a query's terms, nil when no term occurs in it.
    static func make(_ text: String, _ terms: [[SearchRanking.Alternative]]) -> String? {
        var words: [(parts: [[UInt8]], prefix: Bool)] = []
        var others: [[UInt8]] = []
        for (number, alternatives) in terms.enumerated() {
            for alternative in alternatives {
                if !alternative.ascii {
                    others.append(alternative.lowered)
                } else if !alternative.parts.isEmpty {
                    words.append((alternative.parts, alternative.typed && number == terms.count - 1))
                }
            }
        }
        var text = text
        return text.withUTF8 { BodySnippet(bytes: $0, words: words, others: others).snippet() }
    }

    private func snippet() -> String? {
        guard let first = firstMatch() else { return nil }
        let start = windowStart(before: first)
        var marks: [Range<Int>] = []
        var end = start.offset
        var position = start.offset
        var count = 0
        while count < Self.length, let token = token(from: position) {
            if let match = wordMatch(at: token) { marks.append(token.lowerBound..<match) }
            end = max(end, marks.last?.upperBound ?? end, token.upperBound)
            position = token.upperBound
            count += 1
        }
        for other in others {
            var from = start.offset
            while let found = occurrence(of: other, from: from, before: end) {
                marks.append(found)
                end = max(end, found.upperBound)
                from = found.upperBound
            }
        }
        let more = token(from: end) != nil
        if !more { end = bytes.count }
        return (start.first ? "" : "…") + marked(start.offset..<end, Self.merged(marks)) + (more ? "…" : "")
    }

    /// Where the first match starts.
    private func firstMatch() -> Int? {
        var found: Int?
        for other in others {
            if let range = occurrence(of: other, from: 0, before: found ?? bytes.count) { found = range.lowerBound }
        }
        // Most of a body is words no alternative starts with: only where a
        // byte one starts with begins a word (found by memchr, in either case)
        // is the word taken whole and compared.
        let limit = found ?? bytes.count
        var heads = Set<UInt8>()
        for (parts, _) in words {
            let head = parts[0][0]
            heads.insert(head)
            if (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(head) { heads.insert(head - 32) }
        }
        var next = heads.map { (byte: $0, at: occurrence(of: $0, from: 0, before: limit)) }
        while let earliest = next.indices.filter({ next[$0].at != nil }).min(by: { next[$0].at! < next[$1].at! }) {
            let position = next[earliest].at!
            if position == 0 || !Self.isWordByte(bytes[position - 1]), let token = token(from: position),
                wordMatch(at: token) != nil
            {
                return position
            }
            next[earliest].at = occurrence(of: next[earliest].byte, from: position + 1, before: limit)
        }
        return found
    }

    private func occurrence(of byte: UInt8, from position: Int, before limit: Int) -> Int? {
        guard position < limit, let base = bytes.baseAddress,
            let found = memchr(base + position, Int32(byte), limit - position)
        else { return nil }
        return base.distance(to: found.assumingMemoryBound(to: UInt8.self))
    }

    /// The end of the longest word alternative that starts at `token`.
    private func wordMatch(at token: Range<Int>) -> Int? {
        var best: Int?
        for (parts, prefix) in words {
            var current = token
            var matches = true
            for (number, part) in parts.enumerated() {
                if number > 0 {
                    guard let next = self.token(from: current.upperBound) else {
                        matches = false
                        break
                    }
                    current = next
                }
                guard word(current, is: part, prefix: prefix && number == parts.count - 1) else {
                    matches = false
                    break
                }
            }
            if matches { best = max(best ?? 0, current.upperBound) }
        }
        return best
    }

    /// Whether a word is `part` as `RankedText` compares words: ASCII
    /// letters and digits only, a final `s` dropped from words of more than
    /// three letters, `part` only its start when `prefix` says so.
    private func word(_ token: Range<Int>, is part: [UInt8], prefix: Bool) -> Bool {
        var length = token.count
        if length > 3 && Self.lowered(bytes[token.upperBound - 1]) == UInt8(ascii: "s") { length -= 1 }
        guard prefix ? length >= part.count : length == part.count else { return false }
        for (number, byte) in part.enumerated() where Self.lowered(bytes[token.lowerBound + number]) != byte {
            return false
        }
        return bytes[token].allSatisfy { $0 < 0x80 }
    }

    /// The next word at or after `position`: a run of ASCII letters and
    /// digits and of bytes of other scripts.
    private func token(from position: Int) -> Range<Int>? {
        var start = position
        while start < bytes.count && !Self.isWordByte(bytes[start]) { start += 1 }
        guard start < bytes.count else { return nil }
        var end = start
        while end < bytes.count && Self.isWordByte(bytes[end]) { end += 1 }
        return start..<end
    }

    private func occurrence(of needle: [UInt8], from position: Int, before limit: Int) -> Range<Int>? {
        guard let head = needle.first else { return nil }
        var start = position
        while start < limit && start + needle.count <= bytes.count {
            if Self.lowered(bytes[start]) == head
                && needle.indices.allSatisfy({ Self.lowered(bytes[start + $0]) == needle[$0] })
            {
                return start..<(start + needle.count)
            }
            start += 1
        }
        return nil
    }

    /// Where the snippet starts: at the start of the sentence holding
    /// `offset` when that is at most `sentenceReach` words back, else
    /// `leadIn` words back; and whether that is the text's first word.
    private func windowStart(before offset: Int) -> (offset: Int, first: Bool) {
        var start = offset
        while start > 0 && Self.isWordByte(bytes[start - 1]) { start -= 1 }
        var starts = [start]
        while starts.count <= Self.sentenceReach {
            var gap = start
            while gap > 0 && !Self.isWordByte(bytes[gap - 1]) { gap -= 1 }
            if gap == 0 { return (start, true) }
            if endsSentence(gap..<start) { return (start, false) }
            start = gap
            while start > 0 && Self.isWordByte(bytes[start - 1]) { start -= 1 }
            starts.append(start)
        }
        return (starts[Self.leadIn], false)
    }

    private func endsSentence(_ gap: Range<Int>) -> Bool {
        let text = bytes[gap]
        return text.contains(UInt8(ascii: "\n"))
            || (text.contains { $0 == UInt8(ascii: ".") || $0 == UInt8(ascii: "!") || $0 == UInt8(ascii: "?") }
                && (text.last == UInt8(ascii: " ") || text.last == UInt8(ascii: "\t")))
    }

    /// The text with the marks inserted, each run of white space as one space.
    private func marked(_ range: Range<Int>, _ marks: [Range<Int>]) -> String {
        var output: [UInt8] = []
        output.reserveCapacity(range.count + marks.count * 6)
        var marks = marks[...]
        var space = false
        for index in range {
            if let mark = marks.first, mark.lowerBound == index { output += Snippet.open.utf8 }
            let byte = bytes[index]
            let white = [UInt8(ascii: " "), UInt8(ascii: "\n"), UInt8(ascii: "\t"), UInt8(ascii: "\r")].contains(byte)
            if !white {
                output.append(byte)
            } else if !space {
                output.append(UInt8(ascii: " "))
            }
            space = white
            if let mark = marks.first, mark.upperBound == index + 1 {
                output += Snippet.close.utf8
                marks = marks.dropFirst()
            }
        }
        while output.last == UInt8(ascii: " ") { output.removeLast() }
        return String(decoding: output, as: UTF8.self)
    }

    /// Sorted, overlapping ranges joined.
    private static func merged(_ ranges: [Range<Int>]) -> [Range<Int>] {
        var result: [Range<Int>] = []
        for range in ranges.sorted(by: { $0.lowerBound < $1.lowerBound }) {
            if let last = result.last, range.lowerBound < last.upperBound {
                result[result.count - 1] = last.lowerBound..<max(last.upperBound, range.upperBound)
            } else {
                result.append(range)
            }
        }
        return result
    }

    private static func isWordByte(_ byte: UInt8) -> Bool {
        byte >= 0x80 || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte)
            || (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(lowered(byte))
    }

    private static func lowered(_ byte: UInt8) -> UInt8 {
        (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte) ? byte + 32 : byte
    }
}
