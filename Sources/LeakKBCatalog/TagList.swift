import LeakKBModel
import Yams

/// Reads `Content/tags.yml`: a mapping of tag name to one-line description.
package enum TagList {
    package static let path = "Content/tags.yml"

    package static func parse(_ bytes: [UInt8]) throws(ValidationFailure) -> [Tag] {
        let root = try YAMLFile.compose(bytes, path: path)
        guard case .mapping(let mapping)? = root else {
            throw ValidationFailure([
                Diagnostic(file: path, line: 1, message: "must map each tag to a one-line description (map: Go maps …)")
            ])
        }
        var tags: [Tag] = []
        var problems: [Diagnostic] = []
        for (key, value) in mapping {
            let line = key.mark?.line ?? 1
            guard case .scalar(let name) = key, case .scalar(let description) = value,
                !description.string.trimmingWhitespace.isEmpty
            else {
                problems.append(Diagnostic(file: path, line: line, message: "each tag needs a one-line description"))
                continue
            }
            guard name.string.allSatisfy({ $0.isLowercase || $0.isNumber || $0 == "-" }), !name.string.isEmpty else {
                problems.append(
                    Diagnostic(
                        file: path, line: line, message: "tag '\(name.string)' must be lower-case words joined by '-'"))
                continue
            }
            tags.append(Tag(name: name.string, description: description.string.trimmingWhitespace))
        }
        guard problems.isEmpty else { throw ValidationFailure(problems) }
        return tags
    }
}
