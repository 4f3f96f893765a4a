/// The one order of search results, computed the same way by the server and
/// the CLI (here) and by the static site (`search.js`, over the search data):
/// the index only finds candidates, and this score orders them. It reads
/// nothing but what the site's search data also carries: kind, title,
/// aliases, symptoms, tags, summary and the body's words (`BodyWords`), and the name
/// the query gives the article. An article the index finds that scores
/// nothing (a word deeper in the body, a stem) comes after all that score.
///
/// Scores compare field by field, larger first:
/// 1. `named`: the length of the longest title, alias or symptom that the
///    query (or a run of its words) is, among names no more than three
///    articles share;
/// 2. whether it holds every term somewhere, its body words included (as
///    words only: the word index must find them too);
/// 3. `weight`: per term, the best of its short fields' weights (the kind's
///    name 12, title 10; aliases, symptoms and tags 6; summary 3), doubled
///    for a word match, single for a match inside a word;
/// 4. `covered`: how many terms its short fields hold as words;
/// 5. `found`: how many terms it holds somewhere;
/// 6. the slug, alphabetically, so equal scores still have one order.
///
/// A term matches a text as a word when the words of one of its
/// alternatives are words of the text, one after the other (a final `s`
/// ignored on words of more than three letters); the last term as typed
/// also when its last word starts a word of the text. Text in a script written without spaces matches wherever it
/// occurs. Any alternative occurring inside the text is a match inside a word.
package struct SearchRanking: Sendable {
    /// An article's texts the score reads.
    package struct Fields: Sendable {
        package let title: String
        package let aliases: String
        package let symptoms: String
        package let tags: String
        package let summary: String
        /// The kind's name (`goroutine-leak`): what a pattern is outweighs what its title says.
        package let kind: String
        package init(
            title: String, aliases: String, symptoms: String, tags: String, summary: String, kind: String
        ) {
            self.title = title
            self.aliases = aliases
            self.symptoms = symptoms
            self.tags = tags
            self.summary = summary
            self.kind = kind
        }

        /// Heaviest first: `partial` stops at a term's first match as a word.
        fileprivate var weighted: [(text: String, weight: Int)] {
            [(kind, 12), (title, 10), (aliases, 6), (symptoms, 6), (tags, 6), (summary, 3)]
        }
    }

    /// One article's score; larger is better, the slug breaking ties.
    package struct Score: Sendable, Comparable {
        package let named: Int
        package let found: Int
        package let covered: Int
        package let weight: Int
        package let slug: String
        /// Whether it holds every term somewhere.
        package let all: Bool

        /// Whether it scores at all: named, or holding a term.
        package var scores: Bool { named > 0 || found > 0 }

        package static func < (lhs: Score, rhs: Score) -> Bool {
            // "Less" is "ranks later", so that sorting descending gives the ranking.
            if lhs.named != rhs.named { return lhs.named < rhs.named }
            if lhs.all != rhs.all { return !lhs.all }
            if lhs.weight != rhs.weight { return lhs.weight < rhs.weight }
            if lhs.covered != rhs.covered { return lhs.covered < rhs.covered }
            if lhs.found != rhs.found { return lhs.found < rhs.found }
            return lhs.slug > rhs.slug
        }
    }

    private enum Match: Int { case none = 0, inside = 1, word = 2 }

    /// One way of writing a term, taken apart once per query rather than
    /// once per candidate and field.
    struct Alternative: Sendable {
        /// Lower-cased, as UTF-8.
        let lowered: [UInt8]
        /// Whether it is in a script the word rules apply to.
        let ascii: Bool
        let parts: [[UInt8]]
        /// Whether it is the term as typed (the one that is also a prefix).
        let typed: Bool
    }

    package let terms: SearchTerms
    let alternatives: [[Alternative]]

    package init(_ terms: SearchTerms) {
        self.terms = terms
        alternatives = terms.terms.map { term in
            term.enumerated().compactMap { number, text in
                let lowered = text.lowercased()
                guard !lowered.isEmpty else { return nil }
                let ascii = lowered.utf8.allSatisfy { $0 < 0x80 }
                return Alternative(
                    lowered: Array(lowered.utf8), ascii: ascii,
                    parts: ascii ? Self.words(lowered).map { Array($0.utf8) } : [], typed: number == 0)
            }
        }
    }

    /// What an article's short fields say of its score, and which terms
    /// only its body could still hold: the body's words are read (and taken
    /// apart) only for candidates that could still rank where it matters.
    package struct Partial: Sendable {
        fileprivate let named: Int
        fileprivate let found: Int
        fileprivate let covered: Int
        fileprivate let weight: Int
        fileprivate let slug: String
        /// The terms no short field holds, by number.
        fileprivate let missing: [Int]

        /// The best score the body could make of it: the body adds only to
        /// `found` (and so to `all`), so no score it makes ranks above this.
        package var bound: Score {
            Score(
                named: named, found: found + missing.count, covered: covered, weight: weight, slug: slug,
                all: true)
        }
    }

    /// The score of one article that the query names with a name of `named`
    /// characters (or 0), as far as its short fields tell it; `score(_:bodyWords:)` completes it.
    package func partial(slug: String, _ fields: Fields, named: Int) -> Partial {
        let weighted = fields.weighted
        // Taken apart only when a term still needs the field: the fields come
        // heaviest first, so a term matched as a word in one can gain nothing
        // from the ones after it, and most candidates settle every term in
        // their kind or title without the longer fields being read.
        var texts = [RankedText?](repeating: nil, count: weighted.count)
        var found = 0
        var covered = 0
        var weight = 0
        var missing: [Int] = []
        for (number, alternatives) in alternatives.enumerated() {
            let prefix = number == self.alternatives.count - 1
            var best = 0
            var word = false
            var any = false
            for (field, (text, fieldWeight)) in weighted.enumerated() where !word {
                if texts[field] == nil { texts[field] = RankedText(text) }
                let match = Self.match(alternatives, prefix: prefix, in: texts[field]!)
                best = max(best, fieldWeight * match.rawValue)
                word = match == .word
                any = any || match != .none
            }
            weight += best
            if word { covered += 1 }
            if any { found += 1 } else { missing.append(number) }
        }
        return Partial(named: named, found: found, covered: covered, weight: weight, slug: slug, missing: missing)
    }

    /// The whole score: `partial` with the terms it lacks looked for in
    /// `bodyWords`, the `BodyWords` of its body separated by spaces (read
    /// only when some term is missing).
    package func score(_ partial: Partial, bodyWords: () throws -> String) rethrows -> Score {
        var found = partial.found
        if !partial.missing.isEmpty {
            let body = RankedText(try bodyWords())
            for number in partial.missing
            where Self.bodyHolds(alternatives[number], prefix: number == alternatives.count - 1, body) {
                found += 1
            }
        }
        return Score(
            named: partial.named, found: found, covered: partial.covered, weight: partial.weight,
            slug: partial.slug, all: found == alternatives.count)
    }

    private static func match(_ alternatives: [Alternative], prefix: Bool, in text: RankedText) -> Match {
        var result = Match.none
        for alternative in alternatives {
            if !alternative.ascii {
                if text.contains(alternative.lowered) { return .word }
                continue
            }
            if !alternative.parts.isEmpty && text.holds(alternative.parts) { return .word }
            if prefix && alternative.typed && text.holds(alternative.parts, prefix: true) { return .word }
            if text.contains(alternative.lowered) { result = .inside }
        }
        return result
    }

    /// Whether the body's words hold the term as the word index sees it:
    /// as words (or the typed prefix), never inside a word, and text in a
    /// script without spaces only in the short fields.
    private static func bodyHolds(_ alternatives: [Alternative], prefix: Bool, _ body: RankedText) -> Bool {
        alternatives.contains { alternative in
            alternative.ascii
                && (body.holds(alternative.parts)
                    || (prefix && alternative.typed && body.holds(alternative.parts, prefix: true)))
        }
    }

    /// Lower-case words of letters and digits, a final `s` dropped from
    /// words longer than three letters (`requests` is `request`).
    package static func words(_ text: String) -> [String] {
        return text.lowercased().split { !($0.isLetter || $0.isNumber) }.map { word in
            word.count > 3 && word.hasSuffix("s") ? String(word.dropLast()) : String(word)
        }
    }
}

extension SearchRanking {
    /// What a hit shows of `text`, its body: see `BodySnippet`; nil when no term occurs in it.
    package func snippet(in text: String) -> String? {
        BodySnippet.make(text, alternatives)
    }
}
