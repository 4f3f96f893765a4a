/// A pattern that a group of goroutines looks like, with why.
package struct PatternMatch: Sendable, Codable, Hashable {
    package let slug: String
    package let title: String
    /// 0…1: the share of the signature's state and frames the group shows.
    package let score: Double
    /// One sentence per part of the signature that matched.
    package let reasons: [String]
    /// The input lines that show it: the header for the state, the lines of the matched frames.
    package let evidence: [NumberedLine]
    /// The first paragraph of the article's Fix section, when the knowledge base has it.
    package var fix: String?
    /// 1 for the best match of its group; matches the evidence cannot tell
    /// apart (the same score from equally specific signatures) share one.
    package var rank = 1
    /// The command that shows the article.
    package var show: String { "leakkb show \(slug)" }

    package init(
        slug: String, title: String, score: Double, reasons: [String], evidence: [NumberedLine], fix: String? = nil
    ) {
        self.slug = slug
        self.title = title
        self.score = score
        self.reasons = reasons
        self.evidence = evidence
        self.fix = fix
    }

    private enum CodingKeys: String, CodingKey { case slug, title, score, rank, reasons, evidence, fix, show }

    package init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        slug = try container.decode(String.self, forKey: .slug)
        title = try container.decode(String.self, forKey: .title)
        score = try container.decode(Double.self, forKey: .score)
        reasons = try container.decode([String].self, forKey: .reasons)
        evidence = try container.decode([NumberedLine].self, forKey: .evidence)
        fix = try container.decodeIfPresent(String.self, forKey: .fix)
        rank = try container.decodeIfPresent(Int.self, forKey: .rank) ?? 1
    }

    package func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(slug, forKey: .slug)
        try container.encode(title, forKey: .title)
        try container.encode(score, forKey: .score)
        try container.encode(rank, forKey: .rank)
        try container.encode(reasons, forKey: .reasons)
        try container.encode(evidence, forKey: .evidence)
        try container.encode(fix, forKey: .fix)
        try container.encode(show, forKey: .show)
    }
}
