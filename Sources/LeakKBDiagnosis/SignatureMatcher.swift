import LeakKBModel

/// Scores every pattern's signatures against a group of goroutines. A
/// signature's state is a gate: a group in another state does not match it.
/// Its frames are regexes matched in order down the stack (the creating
/// function counts as the bottom frame); the score is the share of the
/// signature's conditions the group shows, its state counting one and its
/// frames one each (a partial match of a long frame list is no stronger than
/// the same share of a short one). Heap regexes need a heap profile and play
/// no part in goroutine evidence. Between equal scores the more specific
/// signature wins: more matched frames (a state's parenthesised detail,
/// `chan send (nil chan)`, counting as one), then a longer state.
package struct SignatureMatcher {
    /// A pattern is named for a group from this score up.
    package static let threshold = 0.75

    private struct Compiled {
        let signature: Signature
        let frames: [(text: String, regex: Regex<AnyRegexOutput>)]
    }

    private let patterns: [(pattern: SignedPattern, signatures: [Compiled])]

    /// Signatures whose regexes do not compile (the catalogue refuses them, so
    /// only a hand-made pattern list can hold one) are left out.
    package init(_ patterns: [SignedPattern], toolchain: GoVersion?) {
        self.patterns = patterns.map { pattern in
            let compiled = pattern.signatures.filter { $0.applies(to: toolchain) }.compactMap { signature in
                let regexes = signature.frames.compactMap { text in
                    (try? Regex(text)).map { (text, $0) }
                }
                return regexes.count == signature.frames.count ? Compiled(signature: signature, frames: regexes) : nil
            }
            return (pattern, compiled)
        }
    }

    /// The patterns the group matches at or above the threshold, best first.
    package func matches(for group: GoroutineGroup) -> [PatternMatch] {
        var found: [(match: PatternMatch, specificity: Int)] = []
        for (pattern, signatures) in patterns {
            let best = signatures.compactMap { score($0, pattern: pattern, group: group) }.max {
                ($0.match.score, $0.specificity, -$0.match.evidence.count)
                    < ($1.match.score, $1.specificity, -$1.match.evidence.count)
            }
            if let best, best.match.score >= Self.threshold { found.append(best) }
        }
        return found.sorted {
            ($0.match.score, $0.specificity, $1.match.slug) > ($1.match.score, $1.specificity, $0.match.slug)
        }.map(\.match)
    }

    private func score(
        _ compiled: Compiled, pattern: SignedPattern, group: GoroutineGroup
    ) -> (match: PatternMatch, specificity: Int)? {
        let signature = compiled.signature
        var parts = 0.0
        var shown = 0.0
        var reasons: [String] = []
        var evidence: [NumberedLine] = []
        var specificity = 0
        let header = group.text.first

        if !signature.states.isEmpty && !group.wait.state.isEmpty {
            guard let named = signature.states.first(where: group.wait.isNamed(by:)) else { return nil }
            parts += 1
            shown += 1
            reasons.append("state '\(group.wait.state)' is the signature's '\(named)'")
            // A state's detail (`(nil chan)`, `(no cases)`) is one more fact the group shows, as a frame is.
            specificity += named.count + (named.contains("(") ? 100 : 0)
            if let header { evidence.append(header) }
        }
        if !compiled.frames.isEmpty {
            let stack = group.frames + (group.creator.map { [$0] } ?? [])
            var next = stack.startIndex
            var matched = 0
            for (text, regex) in compiled.frames {
                guard let hit = stack[next...].firstIndex(where: { $0.function.contains(regex) }) else { continue }
                matched += 1
                specificity += 100
                let frame = stack[hit]
                let role = hit >= group.frames.count ? "creator" : "frame"
                reasons.append("\(role) \(frame.function) matches /\(text)/")
                if let line = group.text.first(where: { $0.line == frame.line }) { evidence.append(line) }
                next = hit + 1
            }
            if matched == 0 && shown == 0 { return nil }
            parts += Double(compiled.frames.count)
            shown += Double(matched)
        }
        guard parts > 0 else { return nil }
        let match = PatternMatch(
            slug: pattern.slug, title: pattern.title, score: shown / parts, reasons: reasons, evidence: evidence)
        return (match, specificity)
    }
}
