import LeakKBModel
import LeakKBProfiles

/// Scores every pattern's signatures against a group of goroutines or an
/// allocation site. A signature's state is a gate: a group in another state
/// does not match it. Its frames are regexes matched in order down the stack
/// (the creating function counts as the bottom frame); the score is the share
/// of the signature's conditions the group shows, its state counting one and
/// its frames one each (a partial match of a long frame list is no stronger
/// than the same share of a short one). Its heap regexes are matched the same
/// way down an allocation stack, and are the only part an allocation site is
/// scored by (states and frames describe goroutines). A `per-creator` share
/// counts one more condition where the evidence names every member's
/// creating goroutine, and none where it does not; `at-top` holds the
/// first frame regex to the top frame outside the runtime. Between equal scores
/// the more specific signature wins: more matched frames (a state's
/// parenthesised detail, `chan send (nil chan)`, counting as one), then a
/// longer state; matches equal in both share a rank.
package struct SignatureMatcher {
    /// A pattern is named for a group from this score up.
    package static let threshold = 0.75

    private struct Compiled {
        let signature: Signature
        let frames: [(text: String, regex: Regex<AnyRegexOutput>)]
        let heap: [(text: String, regex: Regex<AnyRegexOutput>)]
    }

    private typealias Scored = (match: PatternMatch, specificity: Int)

    private let patterns: [(pattern: SignedPattern, signatures: [Compiled])]
    /// The release the evidence came from, if known: signatures for others are left out.
    package let toolchain: GoVersion?

    /// Signatures whose regexes do not compile (the catalogue refuses them, so
    /// only a hand-made pattern list can hold one) are left out.
    package init(_ patterns: [SignedPattern], toolchain: GoVersion?) {
        func compiled(_ texts: [String]) -> [(text: String, regex: Regex<AnyRegexOutput>)]? {
            let regexes = texts.compactMap { text in (try? Regex(text)).map { (text, $0) } }
            return regexes.count == texts.count ? regexes : nil
        }
        self.patterns = patterns.map { pattern in
            let signatures = pattern.signatures.filter { $0.applies(to: toolchain) }.compactMap { signature in
                compiled(signature.frames).flatMap { frames in
                    compiled(signature.heap).map { Compiled(signature: signature, frames: frames, heap: $0) }
                }
            }
            return (pattern, signatures)
        }
        self.toolchain = toolchain
    }

    /// The patterns the group matches at or above the threshold, best first.
    package func matches(for group: GoroutineGroup) -> [PatternMatch] {
        ranked { score($0, pattern: $1, group: group) }
    }

    /// The patterns an allocation stack (top first, numbered as `lines`
    /// shows it) matches by their heap regexes at or above the threshold, best first.
    package func matches(allocation stack: [StackFrame], lines: [NumberedLine]) -> [PatternMatch] {
        ranked { compiled, pattern in
            guard !compiled.heap.isEmpty else { return nil }
            let found = Self.inOrder(compiled.heap, down: stack, lines: lines) { _ in "allocation frame" }
            guard found.matched > 0 else { return nil }
            let match = PatternMatch(
                slug: pattern.slug, title: pattern.title, score: Double(found.matched) / Double(compiled.heap.count),
                reasons: found.reasons, evidence: (lines.first.map { [$0] } ?? []) + found.evidence)
            return (match, 100 * found.matched)
        }
    }

    /// Each pattern's best signature, those at or above the threshold, best first.
    private func ranked(_ score: (Compiled, SignedPattern) -> Scored?) -> [PatternMatch] {
        var found: [Scored] = []
        for (pattern, signatures) in patterns {
            let best = signatures.compactMap { score($0, pattern) }.max {
                ($0.match.score, $0.specificity, -$0.match.evidence.count)
                    < ($1.match.score, $1.specificity, -$1.match.evidence.count)
            }
            if let best, best.match.score >= Self.threshold { found.append(best) }
        }
        let sorted = found.sorted {
            ($0.match.score, $0.specificity, $1.match.slug) > ($1.match.score, $1.specificity, $0.match.slug)
        }
        // Matches the evidence cannot tell apart share a rank: the slug only puts them in an order.
        var ranked: [PatternMatch] = []
        for (index, scored) in sorted.enumerated() {
            var match = scored.match
            let tied =
                index > 0 && sorted[index - 1].match.score == scored.match.score
                && sorted[index - 1].specificity == scored.specificity
            match.rank = tied ? ranked[index - 1].rank : index + 1
            ranked.append(match)
        }
        return ranked
    }

    private func score(_ compiled: Compiled, pattern: SignedPattern, group: GoroutineGroup) -> Scored? {
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
            // The top is where the goroutine waits: runtime frames (a profile shows them) are passed over.
            let top = signature.atTop ? stack.firstIndex { !$0.function.hasPrefix("runtime.") } ?? stack.endIndex : nil
            let found = Self.inOrder(compiled.frames, down: stack, lines: group.text, firstAt: top) { index in
                index >= group.frames.count ? "creator" : "frame"
            }
            if found.matched == 0 && shown == 0 { return nil }
            reasons += found.reasons
            evidence += found.evidence
            specificity += 100 * found.matched
            parts += Double(compiled.frames.count)
            shown += Double(found.matched)
        }
        // Unknown (a profile, an older Go) is no evidence either way: it counts in neither total.
        if let wanted = signature.perCreator, let found = group.perCreator, parts > 0 {
            parts += 1
            if wanted == found {
                shown += 1
                specificity += 100
                reasons.append(Self.reason(wanted, count: group.count))
            }
        }
        guard parts > 0 else { return nil }
        let match = PatternMatch(
            slug: pattern.slug, title: pattern.title, score: shown / parts, reasons: reasons, evidence: evidence)
        return (match, specificity)
    }

    private static func reason(_ share: PerCreator, count: Int) -> String {
        switch share {
        case .one:
            count == 1
                ? "its creating goroutine started no other goroutine of the group"
                : "each of the \(count) goroutines was started by a different goroutine"
        case .many: "some goroutine started several of the \(count)"
        }
    }

    /// Matches `regexes` in order down `stack`, each below the previous one's
    /// match; a regex no frame below matches is passed over. With `firstAt`,
    /// the first regex may match only the frame at that index. `role` names
    /// the frame at an index for the reason.
    private static func inOrder(
        _ regexes: [(text: String, regex: Regex<AnyRegexOutput>)], down stack: [StackFrame], lines: [NumberedLine],
        firstAt: Int? = nil, role: (Int) -> String
    ) -> (matched: Int, reasons: [String], evidence: [NumberedLine]) {
        var next = stack.startIndex
        var matched = 0
        var reasons: [String] = []
        var evidence: [NumberedLine] = []
        for (number, (text, regex)) in regexes.enumerated() {
            var candidates = next..<stack.endIndex
            if number == 0, let firstAt { candidates = firstAt..<min(firstAt + 1, stack.endIndex) }
            guard let hit = stack[candidates].firstIndex(where: { $0.function.contains(regex) }) else { continue }
            matched += 1
            let frame = stack[hit]
            reasons.append("\(role(hit)) \(frame.function) matches /\(text)/")
            if let line = lines.first(where: { $0.line == frame.inputLine }) { evidence.append(line) }
            next = hit + 1
        }
        return (matched, reasons, evidence)
    }
}
