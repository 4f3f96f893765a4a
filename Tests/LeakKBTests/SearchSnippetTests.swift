import Testing
@testable import LeakKBCatalog
@testable import LeakKBIndex

/// The snippet a hit shows of its body (`BodySnippet`): where it starts,
/// what it marks, and how it says that text was left out.
@Suite struct SearchSnippetTests {
    func snippet(_ query: String, in body: String, equivalences: [[String]] = []) -> String? {
        let terms = SearchTerms(
            query.split(separator: " ").map(String.init), equivalences: Equivalences(groups: equivalences))
        return SearchRanking(terms).snippet(in: body)
    }

    func marked(_ word: String) -> String { Snippet.open + word + Snippet.close }

    func filler(_ count: Int) -> String {
        (0..<count).map { "word\($0)" }.joined(separator: " ")
    }

    /// From the start of the match's sentence, about fourteen words, every
    /// term in them marked, the text on both sides left out with an ellipsis.
    @Test func startsAtTheSentenceOfTheFirstMatch() throws {
        let body = filler(30) + ". The goroutine blocks on a channel send forever, " + filler(30)
        let text = try #require(snippet("goroutine channel", in: body))
        #expect(text.hasPrefix("…The " + marked("goroutine") + " blocks on a " + marked("channel") + " send"))
        #expect(text.hasSuffix("…"))
        #expect(text.split(separator: " ").count == BodySnippet.length)
    }

    /// A match far into a long sentence gets a few words of lead-in instead.
    @Test func aLongSentenceGetsALeadIn() throws {
        let text = try #require(snippet("quagga", in: filler(40) + " quagga " + filler(40)))
        #expect(text.hasPrefix("…word37 word38 word39 " + marked("quagga") + " word0 word1"))
    }

    /// At the body's start and end no ellipsis; runs of white space are one space.
    @Test func theWholeShortBodyWithoutEllipsis() throws {
        #expect(snippet("ticker", in: "A ticker\n\nnever  stopped.") == "A " + marked("ticker") + " never stopped.")
    }

    /// Words match as the ranking matches them: a final s ignored, the last
    /// term as typed also as a prefix, never inside another word.
    @Test func wordsMatchAsTheRankingMatchesThem() throws {
        let body = "Subgoroutines differ. Goroutines pile up, goroutine by goroutine."
        #expect(
            snippet("goroutine", in: body)
                == "…" + marked("Goroutines") + " pile up, " + marked("goroutine") + " by " + marked("goroutine") + ".")
        #expect(snippet("goroutine", in: "Subgoroutines differ.") == nil)
        #expect(snippet("gorou", in: "Goroutines pile up.") == marked("Goroutines") + " pile up.")
        #expect(snippet("gorou leak", in: "Goroutines pile up.") == nil, "only the last term is a prefix")
        #expect(snippet("zebra", in: body) == nil)
    }

    /// A term of several words is marked whole; an equivalent in a script
    /// without spaces is marked wherever it occurs, inside a word too.
    @Test func phrasesAndTextWithoutSpaces() throws {
        #expect(
            snippet("time.After", in: "It calls time.After(d) in a loop.")
                == "It calls " + marked("time.After") + "(d) in a loop.")
        #expect(
            snippet("leak", in: "这是内存泄漏的例子。", equivalences: [["leak", "泄漏"]])
                == "这是内存" + marked("泄漏") + "的例子。")
    }
}
