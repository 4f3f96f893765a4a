/// A text as `SearchRanking` reads it: lower-cased bytes, and its words (as
/// `SearchRanking.words` splits them) as ranges of one buffer. Scoring a
/// candidate takes apart six short fields and maybe its body: with a string
/// per word that was most of a query's time.
struct RankedText {
    private let lowered: [UInt8]
    private let letters: [UInt8]
    private let words: [Range<Int>]

    init(_ text: String) {
        var text = text
        if let ascii = text.withUTF8(Self.ascii) {
            (lowered, letters, words) = ascii
            return
        }
        let lowered = text.lowercased()
        var letters: [UInt8] = []
        var words: [Range<Int>] = []
        for word in SearchRanking.words(lowered) {
            let start = letters.count
            letters.append(contentsOf: word.utf8)
            words.append(start..<letters.count)
        }
        self.lowered = Array(lowered.utf8)
        self.letters = letters
        self.words = words
    }

    /// ASCII text taken apart in one pass over its bytes; nil for any other
    /// text, which `String` lower-cases and splits by its letters.
    private static func ascii(
        _ bytes: UnsafeBufferPointer<UInt8>
    ) -> (lowered: [UInt8], letters: [UInt8], words: [Range<Int>])? {
        guard bytes.reduce(0, |) < 0x80 else { return nil }
        return wordBytes.withUnsafeBufferPointer { table in
            var words: [Range<Int>] = []
            let lowered = [UInt8](unsafeUninitializedCapacity: bytes.count) { buffer, count in
                for index in 0..<bytes.count { buffer[index] = table[Int(bytes[index])] & 0x7f }
                count = bytes.count
            }
            let letters = [UInt8](unsafeUninitializedCapacity: bytes.count) { buffer, count in
                var start = 0
                count = 0
                func endWord() {
                    guard count > start else { return }
                    if count - start > 3 && buffer[count - 1] == UInt8(ascii: "s") { count -= 1 }
                    words.append(start..<count)
                    start = count
                }
                for byte in bytes {
                    let letter = table[Int(byte)]
                    if letter >= 0x80 {
                        buffer[count] = letter & 0x7f
                        count += 1
                    } else {
                        endWord()
                    }
                }
                endWord()
            }
            return (lowered, letters, words)
        }
    }

    /// Each ASCII byte lower-cased, with the high bit set on letters and digits.
    private static let wordBytes: [UInt8] = (0..<128).map { (value: Int) -> UInt8 in
        let byte = UInt8(value)
        switch byte {
        case UInt8(ascii: "A")...UInt8(ascii: "Z"): return (byte + 32) | 0x80
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"): return byte | 0x80
        default: return byte
        }
    }

    /// Whether `needle` (lower-cased UTF-8) occurs anywhere in the text, inside words too.
    func contains(_ needle: [UInt8]) -> Bool {
        guard let first = needle.first, needle.count <= lowered.count else { return needle.isEmpty }
        return lowered.withUnsafeBufferPointer { haystack in
            needle.withUnsafeBufferPointer { needle in
                var start = 0
                while start <= haystack.count - needle.count {
                    if haystack[start] == first
                        && (1..<needle.count).allSatisfy({ haystack[start + $0] == needle[$0] })
                    {
                        return true
                    }
                    start += 1
                }
                return false
            }
        }
    }

    /// Whether `parts` are words of the text one after the other, the last
    /// one only as the start of a word when `prefix` says so.
    func holds(_ parts: [[UInt8]], prefix: Bool = false) -> Bool {
        guard !parts.isEmpty, words.count >= parts.count else { return false }
        return (0...(words.count - parts.count)).contains { start in
            parts.indices.allSatisfy { number in
                word(start + number, is: parts[number], prefix: prefix && number == parts.count - 1)
            }
        }
    }

    private func word(_ number: Int, is part: [UInt8], prefix: Bool) -> Bool {
        let range = words[number]
        guard prefix ? range.count >= part.count : range.count == part.count else { return false }
        return letters.withUnsafeBufferPointer { letters in
            part.indices.allSatisfy { letters[range.lowerBound + $0] == part[$0] }
        }
    }
}
