/// The words of an article's body that the search ranks by, the same for
/// every face: the index stores them when it writes the article, ranks a
/// query's candidates by them, and the site's search data carries them
/// (`w`). The first `limit` distinct words of at least three bytes, lower
/// case, without stopwords.
package enum BodyWords {
    /// Words too common to help a search, as the hashes `appendDistinctWords` compares.
    package static let stopwords: WordSet = {
        var set = WordSet(capacity: 256)
        for word in [
            "the", "and", "for", "that", "this", "with", "are", "was", "not", "but", "its", "it's",
            "you", "your", "from", "has", "have", "had", "can", "will", "one", "all", "any", "each", "when", "what",
            "which", "who",
            "how", "than", "then", "them", "they", "their", "there", "here", "into", "out", "off", "only", "also",
            "more", "most",
            "some", "such", "does", "did", "done", "both", "same", "other", "over", "under", "after", "before", "while",
            "where",
            "because", "until", "about", "very", "just", "like", "even", "still", "never", "every", "those", "these",
            "would",
            "could", "should", "may", "might", "must", "shall", "been", "being", "were", "our", "nil", "err", "func",
            "return", "var",
        ] {
            var hash = WordHash()
            for byte in word.utf8 { hash.add(byte) }
            _ = set.insert(hash.value)
        }
        return set
    }()

    /// How many distinct words of a body count: enough that the words a
    /// sentence about the pattern uses are nearly all among them.
    package static let limit = 300

    /// The body's words, separated by spaces.
    package static func of(_ body: String) -> String {
        var body = body
        var seen = WordSet(capacity: 1024)
        var words: [UInt8] = []
        _ = body.withUTF8 { appendDistinctWords(of: UnsafeRawBufferPointer($0), limit: limit, seen: &seen, to: &words) }
        return String(decoding: words, as: UTF8.self)
    }

    /// Appends the first `limit` distinct words of at least three bytes, lower
    /// case, without stopwords, separated by spaces; returns how many.
    /// ASCII letters, digits, `_`, `.` and every non-ASCII byte count as word
    /// bytes, so CJK text stays whole and no word needs escaping in JSON.
    /// Words are told apart by a 64-bit hash; a collision among a few hundred words is
    /// too unlikely to matter.
    @discardableResult
    package static func appendDistinctWords(
        of text: UnsafeRawBufferPointer, limit: Int, seen: inout WordSet, to output: inout [UInt8]
    ) -> Int {
        guard let bytes = text.baseAddress?.assumingMemoryBound(to: UInt8.self) else { return 0 }
        let stopwords = Self.stopwords
        return wordBytes.withUnsafeBufferPointer { table in
            var index = 0
            var kept = 0
            while index < text.count && kept < limit {
                while index < text.count && table[Int(bytes[index])] == 0 { index += 1 }
                let start = index
                var hash = WordHash()
                while index < text.count {
                    let byte = table[Int(bytes[index])]
                    if byte == 0 { break }
                    hash.add(byte)
                    index += 1
                }
                // Most words are repeats or stopwords: only kept ones are copied.
                let length = index - start
                guard length >= 3, length > WordHash.longestStopword || !stopwords.contains(hash.value),
                    seen.insert(hash.value)
                else { continue }
                if kept > 0 { output.append(UInt8(ascii: " ")) }
                for position in start..<index { output.append(table[Int(bytes[position])]) }
                kept += 1
            }
            return kept
        }
    }

    /// Each byte as it goes into a word (ASCII letters lower-cased; digits,
    /// `_`, `.` and every non-ASCII byte as they are), or 0 between words.
    package static let wordBytes: [UInt8] = (0...255).map { (value: Int) -> UInt8 in
        let byte = UInt8(value)
        switch byte {
        case UInt8(ascii: "A")...UInt8(ascii: "Z"): return byte + 32
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "_"),
            UInt8(ascii: "."), 0x80...:
            return byte
        default: return 0
        }
    }
}

/// A 64-bit hash of a word, fed a byte at a time but mixed eight bytes at a
/// time: one multiply per byte (FNV) was a third of the scan.
package struct WordHash {
    /// The longest stopword has seven letters: longer words need no lookup.
    package static let longestStopword = 7

    private var state: UInt64 = 0x243f_6a88_85a3_08d3
    private var chunk: UInt64 = 0
    private var shift: UInt64 = 0

    @inline(__always)
    package mutating func add(_ byte: UInt8) {
        chunk |= UInt64(byte) << shift
        shift &+= 8
        if shift == 64 {
            state = Self.mix(state ^ chunk)
            chunk = 0
            shift = 0
        }
    }

    package var value: UInt64 { Self.mix(state ^ chunk ^ (shift << 56)) }

    /// A multiply and xor-shift: enough to spread eight bytes over 64 bits.
    @inline(__always)
    private static func mix(_ value: UInt64) -> UInt64 {
        let product = value &* 0x9e37_79b9_7f4a_7c15
        return product ^ (product >> 29)
    }
}

/// A set of word hashes with room for a fixed number, open addressing:
/// the hashes are already well mixed, so hashing them again (as `Set` does)
/// only costs time.
package struct WordSet {
    private var slots: [UInt64]
    private let mask: Int

    /// `capacity` must be a power of two, well above the number of words kept.
    package init(capacity: Int) {
        slots = Array(repeating: 0, count: capacity)
        mask = capacity - 1
    }

    /// False when `hash` was already there.
    @inline(__always)
    package mutating func insert(_ hash: UInt64) -> Bool {
        let hash = hash == 0 ? 1 : hash  // 0 marks an empty slot
        var slot = Int(truncatingIfNeeded: hash) & mask
        while slots[slot] != 0 {
            if slots[slot] == hash { return false }
            slot = (slot + 1) & mask
        }
        slots[slot] = hash
        return true
    }

    @inline(__always)
    package func contains(_ hash: UInt64) -> Bool {
        let hash = hash == 0 ? 1 : hash
        var slot = Int(truncatingIfNeeded: hash) & mask
        while slots[slot] != 0 {
            if slots[slot] == hash { return true }
            slot = (slot + 1) & mask
        }
        return false
    }

    package mutating func removeAll() {
        for index in slots.indices { slots[index] = 0 }
    }
}
