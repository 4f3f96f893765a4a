/// The articles one term of a query finds: the word index's best by bm25,
/// then those the substring index or the scan of short fields adds.
struct TermCandidates {
    /// Best first; an article may be listed twice.
    let ids: [Int64]
    /// The word index's bm25 of each article it found (lower is better).
    let bm25: [Int64: Double]
}
