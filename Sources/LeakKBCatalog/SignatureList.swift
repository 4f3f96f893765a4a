import LeakKBModel
import Yams

/// Reads the front matter's `signatures:` list, reporting each problem at
/// the line it stands on: a regex Go or leakkb cannot read, an unknown key,
/// a signature with nothing to match, a toolchain range that does not parse.
package enum SignatureList {
    package static let keys = ["state", "frames", "heap", "go", "per-creator", "at-top"]

    package static func parse(
        _ value: Node, line: (Node) -> Int, problem: (Int, String) -> Void
    ) -> [Located<Signature>] {
        guard case .sequence(let items) = value else {
            problem(line(value), "'signatures' must be a list of mappings, e.g. signatures: [{state: \"chan send\"}]")
            return []
        }
        return items.compactMap { item in
            guard case .mapping(let mapping) = item else {
                problem(line(item), "each signature must be a mapping of \(keys.joined(separator: ", "))")
                return nil
            }
            var states: [String] = []
            var frames: [String] = []
            var heap: [String] = []
            var toolchains: ToolchainRange?
            var perCreator: PerCreator?
            var atTop = false
            var valid = true
            for (keyNode, value) in mapping {
                let key = keyNode.scalar?.string ?? ""
                switch key {
                case "state":
                    states = texts(value, key: key, line: line, problem: problem, valid: &valid).map(\.text)
                case "frames", "heap":
                    let regexes = texts(value, key: key, line: line, problem: problem, valid: &valid)
                    for (regex, node) in regexes {
                        if let why = Signature.regexProblem(regex) {
                            problem(line(node), "signature \(key) regex '\(regex)': \(why)")
                            valid = false
                        }
                    }
                    if key == "frames" { frames = regexes.map(\.text) } else { heap = regexes.map(\.text) }
                case "go":
                    if let text = value.scalar?.string, let range = ToolchainRange(text) {
                        toolchains = range
                    } else {
                        problem(line(value), "signature 'go' must look like \"<1.23\" or \">=1.23\"")
                        valid = false
                    }
                case "per-creator":
                    if let text = value.scalar?.string, let share = PerCreator(rawValue: text) {
                        perCreator = share
                    } else {
                        let known = PerCreator.allCases.map(\.rawValue).joined(separator: "' or '")
                        problem(line(value), "signature 'per-creator' must be '\(known)'")
                        valid = false
                    }
                case "at-top":
                    if let flag = value.scalar.flatMap({ Bool.construct(from: $0) }) {
                        atTop = flag
                    } else {
                        problem(line(value), "signature 'at-top' must be true or false")
                        valid = false
                    }
                default:
                    problem(
                        line(keyNode), "unknown key '\(key)' in a signature (known: \(keys.joined(separator: ", ")))")
                    valid = false
                }
            }
            let signature = Signature(
                states: states, frames: frames, heap: heap, toolchains: toolchains, perCreator: perCreator,
                atTop: atTop)
            if atTop && frames.isEmpty && valid {
                problem(line(item), "signature 'at-top' says where its first frame matches: it needs 'frames'")
                valid = false
            }
            if signature.isEmpty && valid {
                problem(line(item), "a signature needs at least one of state, frames, heap")
                return nil
            }
            return valid ? Located(signature, line: line(item)) : nil
        }
    }

    /// One text or a list of texts, each non-empty.
    private static func texts(
        _ value: Node, key: String, line: (Node) -> Int, problem: (Int, String) -> Void, valid: inout Bool
    ) -> [(text: String, node: Node)] {
        var found: [(text: String, node: Node)] = []
        for node in nodes(value) {
            if let text = node.scalar?.string, !text.isEmpty {
                found.append((text, node))
            } else {
                problem(line(node), "each item of signature '\(key)' must be a non-empty text")
                valid = false
            }
        }
        if found.isEmpty && valid {
            problem(line(value), "signature '\(key)' must not be empty")
            valid = false
        }
        return found
    }

    private static func nodes(_ value: Node) -> [Node] {
        if case .sequence(let items) = value { return Array(items) }
        return [value]
    }
}
