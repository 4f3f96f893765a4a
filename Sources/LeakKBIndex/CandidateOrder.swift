/// The order of search results: by `SearchRanking.Score`, larger first, and
/// what scores nothing (a stem, a word deeper in the body) after all that
/// score, by the best place a term's search gave it (bm25), then by slug.
struct CandidateOrder {
    private let position: [Int64: Int]

    /// `holding`: per term, its candidates best first.
    init(holding: [[Int64]]) {
        position = Dictionary(holding.flatMap { $0.enumerated().map { ($1, $0) } }, uniquingKeysWith: min)
    }

    func ranks(_ a: (id: Int64, score: SearchRanking.Score), before b: (id: Int64, score: SearchRanking.Score)) -> Bool
    {
        a.score.scores || b.score.scores
            ? a.score > b.score : (position[a.id] ?? .max, a.score.slug) < (position[b.id] ?? .max, b.score.slug)
    }
}
