import LeakKBModel
import Yams

/// Words a searcher may type for the same thing (`泄漏`/`泄露`, `OOM`/`out of
/// memory`), kept as data in `Content/equivalences.yml`: a list of groups,
/// each a list of terms. A query term stands for every term of its group.
package struct Equivalences: Sendable, Hashable {
    package static let path = "Content/equivalences.yml"

    /// The groups, each term lower-cased, in the order the file gives them.
    package let groups: [[String]]
    private let groupOfTerm: [String: Int]

    package init(groups: [[String]]) {
        self.groups = groups.map { $0.map { $0.lowercased() } }
        var groupOfTerm: [String: Int] = [:]
        for (number, group) in self.groups.enumerated() {
            for term in group where groupOfTerm[term] == nil { groupOfTerm[term] = number }
        }
        self.groupOfTerm = groupOfTerm
    }

    /// The longest number of words any term has, so a query is looked up in
    /// runs of at most that many words.
    package var longestTerm: Int {
        groups.joined().map { $0.split(separator: " ").count }.max() ?? 1
    }

    /// `text` and the other terms of its group, when it is a term of one.
    package func group(of text: String) -> [String]? {
        let lowered = text.lowercased()
        guard let group = groupOfTerm[lowered] else { return nil }
        return [text] + groups[group].filter { $0 != lowered }
    }

    /// Every way of writing `text`: the terms of its group when it is one,
    /// else `text` with each term of a group it contains replaced by the
    /// group's others (for CJK, where words are not split by spaces: `内存泄露`
    /// is also `内存泄漏`). `text` itself comes first.
    package func alternatives(for text: String) -> [String] {
        if let group = group(of: text) { return group }
        let lowered = text.lowercased()
        var result = [text]
        for group in groups {
            for term in group where !term.unicodeScalars.allSatisfy(\.isASCII) && lowered.contains(term) {
                for other in group where other != term {
                    let replaced = lowered.replacing(term, with: other)
                    if !result.contains(replaced) { result.append(replaced) }
                }
            }
        }
        return result
    }

    /// Reads the file's bytes; a missing file is no equivalences (the caller
    /// decides), anything else wrong is a diagnostic naming its line.
    package static func parse(_ bytes: [UInt8]) throws(ValidationFailure) -> Equivalences {
        let root = try YAMLFile.compose(bytes, path: path)
        guard let root else { return Equivalences(groups: []) }
        guard case .sequence(let items) = root else {
            throw ValidationFailure([
                Diagnostic(file: path, line: 1, message: "must be a list of groups, e.g. - [泄漏, 泄露]")
            ])
        }
        var groups: [[String]] = []
        var seen: [String: Int] = [:]
        var problems: [Diagnostic] = []
        for item in items {
            let line = item.mark?.line ?? 1
            guard case .sequence(let members) = item else {
                problems.append(Diagnostic(file: path, line: line, message: "each group must be a list of terms"))
                continue
            }
            var group: [String] = []
            for member in members {
                let memberLine = member.mark?.line ?? line
                guard case .scalar(let scalar) = member else {
                    problems.append(Diagnostic(file: path, line: memberLine, message: "each term must be a text"))
                    continue
                }
                let term = scalar.string.split(whereSeparator: \.isWhitespace).joined(separator: " ").lowercased()
                if term.isEmpty {
                    problems.append(Diagnostic(file: path, line: memberLine, message: "a term must not be empty"))
                } else if let earlier = seen[term] {
                    problems.append(
                        Diagnostic(
                            file: path, line: memberLine,
                            message: "'\(term)' is already in the group on line \(earlier); a term belongs to one group"
                        ))
                } else {
                    seen[term] = line
                    group.append(term)
                }
            }
            if members.count < 2 {
                problems.append(Diagnostic(file: path, line: line, message: "a group needs at least two terms"))
            }
            groups.append(group)
        }
        guard problems.isEmpty else { throw ValidationFailure(problems) }
        return Equivalences(groups: groups)
    }
}
