/// A text as `SearchRanking` reads it: lower-cased bytes, and its words (as
/// `SearchRanking.words` splits them) as ranges of one buffer. Scoring a
/// candidate takes apart six short fields and maybe its body: with a string
/// per word that was most of a query's time.
struct RankedText {
    private let lowered: [UInt8]
    private let letters: [UInt8]
    private let words: [Range<Int>]

    init(_ text: String) {
        var lowered: [UInt8] = []
        var letters: [UInt8] = []
        var words: [Range<Int>] = []
        if text.utf8.allSatisfy({ $0 < 0x80 }) {
            lowered.reserveCapacity(text.utf8.count)
            letters.reserveCapacity(text.utf8.count)
            var start = 0
            func endWord() {
                guard letters.count > start else { return }
                if letters.count - start > 3 && letters.last == UInt8(ascii: "s") { letters.removeLast() }
                words.append(start..<letters.count)
                start = letters.count
            }
            for byte in text.utf8 {
                let low = (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte) ? byte + 32 : byte
                lowered.append(low)
                if (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(low)
                    || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(low)
                {
                    letters.append(low)
                } else {
                    endWord()
                }
            }
            endWord()
        } else {
            let text = text.lowercased()
            lowered = Array(text.utf8)
            for word in SearchRanking.words(text) {
                let start = letters.count
                letters.append(contentsOf: word.utf8)
                words.append(start..<letters.count)
            }
        }
        self.lowered = lowered
        self.letters = letters
        self.words = words
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
