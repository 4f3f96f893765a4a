import LeakKBCatalog

/// A query's words as terms to look for: a run of words that an equivalence
/// names (`out of memory`) is one term, and each term carries every way of
/// writing it (`oom`, `out of memory`; `内存泄露`, `内存泄漏`), the words as
/// typed first. Everything is quoted here, so no typed text is FTS5 syntax.
package struct SearchTerms: Sendable {
    /// Per term, its alternatives; the first is what was typed.
    package let terms: [[String]]

    package init(_ words: [String], equivalences: Equivalences) {
        var terms: [[String]] = []
        var index = 0
        let longest = equivalences.longestTerm
        while index < words.count {
            // The longest run of words starting here that names a group wins.
            var taken = 1
            var alternatives = equivalences.alternatives(for: words[index])
            for length in stride(from: min(longest, words.count - index), to: 1, by: -1) {
                let run = words[index..<(index + length)].joined(separator: " ")
                if let found = equivalences.group(of: run) {
                    taken = length
                    alternatives = found
                    break
                }
            }
            terms.append(alternatives)
            index += taken
        }
        // Words that carry no meaning of their own are not required: a
        // sentence finds what its other words find.
        let meaningful = terms.filter { !($0.count == 1 && Self.functionWords.contains($0[0].lowercased())) }
        self.terms = meaningful.isEmpty ? terms : meaningful
    }

    /// English function words, as people put them in sentences they search with.
    private static let functionWords: Set<String> = [
        "a", "an", "the", "and", "or", "but", "of", "in", "on", "at", "to", "for", "from", "by", "with", "into",
        "is", "are", "was", "were", "be", "been", "it", "its", "this", "that", "these", "those", "my", "our",
        "your", "their", "does", "do", "did", "has", "have", "had", "why", "how", "what", "when", "where", "which",
        "after", "before", "every", "each", "all", "any", "some", "very", "so", "too", "i", "we", "you", "they",
    ]

    /// FTS5: term number `number`, as any of its alternatives; the last
    /// term as typed is also a prefix, so results come while typing.
    package func expression(_ number: Int) -> String {
        Self.group(terms[number], prefix: number == terms.count - 1)
    }

    /// Every text the query could be naming, lower-cased: each run of
    /// words as typed, each term's alternatives, and each piece of two or
    /// more characters of a word in a script written without spaces.
    package var phrases: Set<String> {
        var phrases: Set<String> = []
        let typed = terms.map { $0[0].lowercased() }
        for start in typed.indices {
            for end in start..<min(typed.count, start + 12) {
                phrases.insert(typed[start...end].joined(separator: " "))
            }
        }
        for alternatives in terms {
            for alternative in alternatives {
                let lowered = alternative.lowercased()
                phrases.insert(lowered)
                guard !lowered.unicodeScalars.allSatisfy(\.isASCII) else { continue }
                let characters = Array(lowered.prefix(24))
                for start in characters.indices {
                    for end in (start + 1)..<characters.count {
                        phrases.insert(String(characters[start...end]))
                    }
                }
            }
        }
        return phrases
    }

    package static func quoted(_ text: String) -> String {
        "\"" + text.replacing("\"", with: "\"\"") + "\""
    }

    private static func group(_ alternatives: [String], prefix: Bool) -> String {
        let parts = alternatives.enumerated().map { number, text in
            quoted(text) + (prefix && number == 0 ? "*" : "")
        }
        return "(" + parts.joined(separator: " OR ") + ")"
    }
}
