import LeakKBModel
import Yams

/// The fields of an article's YAML front matter, each with its file line.
package struct FrontMatter: Sendable, Codable, Hashable {
    package var title: Located<String>
    package var language: Located<String>
    package var kind: Located<String>
    package var tags: [Located<String>]
    package var aliases: [Located<String>]
    package var summary: Located<String>
    package var affects: Located<String>?
    package var fixedIn: Located<String>?
    package var demo: Located<String>?
    package var expect: [Located<String>]
    /// Measured facts shown with the figures but not held to the swap test.
    package var observe: [Located<String>]
    package var related: [Located<String>]
    /// Error strings, frame names and phrases people search for.
    package var symptoms: [Located<String>]
    package var sources: [Located<String>]
    /// What the pattern's evidence looks like, for `leakkb diagnose`.
    package var signatures: [Located<Signature>] = []

    package static let required = ["title", "language", "kind", "tags", "summary"]
    package static let optional = [
        "aliases", "affects", "fixed_in", "demo", "expect", "observe", "related", "sources", "symptoms",
        "signatures",
    ]

    /// Parses YAML text whose first line stands on `firstLine` of `file`;
    /// collects every problem instead of stopping at the first. Throws
    /// only when the fields every article needs are unusable; other
    /// problems come back beside the fields, to be reported with the rest.
    package static func parse(
        _ yaml: String, file: String, firstLine: Int
    ) throws(ValidationFailure) -> (FrontMatter, [Diagnostic]) {
        var problems: [Diagnostic] = []
        func problem(_ line: Int, _ message: String) {
            problems.append(Diagnostic(file: file, line: line, message: message))
        }
        func line(_ node: Node) -> Int { firstLine - 1 + (node.mark?.line ?? 1) }

        let root: Node?
        do {
            root = try Yams.compose(yaml: yaml, .default, .default, .utf8)
        } catch let error as YamlError {
            throw ValidationFailure([
                Diagnostic(
                    file: file, line: firstLine - 1 + error.line,
                    message: "front matter is not valid YAML: \(error.problem)")
            ])
        } catch {
            throw ValidationFailure([Diagnostic(file: file, line: firstLine, message: "front matter is not valid YAML")]
            )
        }
        guard let root, case .mapping(let mapping) = root else {
            let found = root.map(Self.describe) ?? "nothing"
            throw ValidationFailure([
                Diagnostic(
                    file: file, line: firstLine,
                    message: "front matter must be a mapping of fields (title: …), found \(found)")
            ])
        }

        var scalars: [String: Located<String>] = [:]
        var lists: [String: [Located<String>]] = [:]
        var signatures: [Located<Signature>]?
        for (keyNode, value) in mapping {
            guard case .scalar(let key) = keyNode else {
                problem(line(keyNode), "field names must be plain words")
                continue
            }
            let name = key.string
            guard Self.required.contains(name) || Self.optional.contains(name) else {
                let known = (Self.required + Self.optional).joined(separator: ", ")
                problem(line(keyNode), "unknown field '\(name)' (known: \(known))")
                continue
            }
            if scalars[name] != nil || lists[name] != nil || (name == "signatures" && signatures != nil) {
                problem(line(keyNode), "field '\(name)' appears twice")
                continue
            }
            switch (name, value) {
            case ("signatures", _):
                signatures = SignatureList.parse(value, line: line, problem: problem)
            case ("tags", _), ("aliases", _), ("expect", _), ("observe", _), ("related", _), ("sources", _),
                ("symptoms", _):
                guard case .sequence(let items) = value else {
                    problem(line(value), "'\(name)' must be a list, e.g. \(name): [a, b]")
                    continue
                }
                var list: [Located<String>] = []
                for item in items {
                    if case .scalar(let scalar) = item, !scalar.string.isEmpty {
                        list.append(Located(scalar.string, line: line(item)))
                    } else {
                        problem(line(item), "each item of '\(name)' must be a non-empty text")
                    }
                }
                lists[name] = list
            case (_, .scalar(let scalar)):
                let text = scalar.string.trimmingWhitespace
                if text.isEmpty {
                    problem(line(value), "'\(name)' must not be empty")
                } else {
                    scalars[name] = Located(text, line: line(value))
                }
            default:
                problem(line(value), "'\(name)' must be a single text value, found \(Self.describe(value))")
            }
        }
        for name in Self.required
        where scalars[name] == nil && lists[name] == nil
            && !problems.contains(where: { $0.message.contains("'\(name)'") })
        {
            problem(firstLine, "missing required field '\(name)'")
        }
        guard let title = scalars["title"], let language = scalars["language"],
            let kind = scalars["kind"], let tags = lists["tags"], let summary = scalars["summary"]
        else { throw ValidationFailure(problems) }
        let fields = FrontMatter(
            title: title, language: language, kind: kind, tags: tags,
            aliases: lists["aliases"] ?? [], summary: summary,
            affects: scalars["affects"], fixedIn: scalars["fixed_in"], demo: scalars["demo"],
            expect: lists["expect"] ?? [], observe: lists["observe"] ?? [],
            related: lists["related"] ?? [], symptoms: lists["symptoms"] ?? [], sources: lists["sources"] ?? [],
            signatures: signatures ?? []
        )
        return (fields, problems)
    }

    package static func describe(_ node: Node) -> String {
        switch node {
        case .scalar: "a single value"
        case .sequence: "a list"
        case .mapping: "a mapping"
        case .alias: "an alias"
        }
    }
}

extension YamlError {
    /// The 1-based line within the YAML text that the error points at.
    package var line: Int {
        switch self {
        case .scanner(_, _, let mark, _), .parser(_, _, let mark, _), .composer(_, _, let mark, _): mark.line
        default: 1
        }
    }

    package var problem: String {
        switch self {
        case .scanner(_, let problem, _, _), .parser(_, let problem, _, _), .composer(_, let problem, _, _): problem
        case .reader(let problem, _, _, _): problem
        default: "\(self)"
        }
    }
}
