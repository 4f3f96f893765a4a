import LeakKBIndex
import LeakKBSystem
/// The leaky and fixed variants of a Go demo, cut out of its main.go for
/// side-by-side display: `Leaky: func(…) {…}` literals, or the functions
/// that `Leaky: name` points at.
package struct DemoSource {
    package let path: String
    package let leaky: String
    package let fixed: String

    /// The file the page shows, relative to the knowledge base's root.
    package static func path(language: String, demo: String) -> String { "Demos/\(language)/\(demo)/main.go" }

    package static func load(root: String, language: String, demo: String) -> DemoSource? {
        let path = path(language: language, demo: demo)
        guard let bytes = try? FileSystem.read(root + "/" + path) else { return nil }
        let source = String(decoding: bytes, as: UTF8.self)
        guard let leaky = variant("Leaky", in: source), let fixed = variant("Fixed", in: source) else {
            return DemoSource(path: path, leaky: source, fixed: "(both variants are in the file on the left)")
        }
        return DemoSource(path: path, leaky: leaky, fixed: fixed)
    }

    package static func variant(_ field: String, in source: String) -> String? {
        guard let field = source.range(of: "\(field):") else { return nil }
        let rest = source[field.upperBound...].drop { $0 == " " || $0 == "\t" }
        if rest.hasPrefix("func(") {
            return block(startingAt: rest.startIndex, in: source).map { dedent(String($0)) }
        }
        let name = rest.prefix { $0.isLetter || $0.isNumber || $0 == "_" }
        guard !name.isEmpty, let function = source.range(of: "func \(name)(") else { return nil }
        return block(startingAt: function.lowerBound, in: source).map(String.init)
    }

    /// From `start` to the brace that closes the first `{` after it.
    private static func block(startingAt start: String.Index, in source: String) -> Substring? {
        guard let open = source[start...].firstIndex(of: "{") else { return nil }
        var depth = 0
        var index = open
        while index < source.endIndex {
            switch source[index] {
            case "{": depth += 1
            case "}":
                depth -= 1
                if depth == 0 { return source[start...index] }
            default: break
            }
            index = source.index(after: index)
        }
        return nil
    }

    /// Removes the indentation a literal has inside `measure.Demo{…}`: its
    /// closing brace goes back to the first column.
    private static func dedent(_ text: String) -> String {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        let cut = lines.count > 1 ? lines[lines.count - 1].prefix { $0 == "\t" }.count : 0
        return
            ([String(lines[0])]
            + lines.dropFirst().map { String($0.dropFirst(min(cut, $0.prefix { $0 == "\t" }.count))) })
            .joined(separator: "\n")
    }
}
