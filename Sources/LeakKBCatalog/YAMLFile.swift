import LeakKBModel
import Yams

/// A YAML file under Content/ (tags, equivalences) read into its node tree:
/// bad UTF-8 and YAML syntax are diagnostics naming the file and line.
package enum YAMLFile {
    package static func compose(_ bytes: [UInt8], path: String) throws(ValidationFailure) -> Node? {
        guard let text = String(validating: bytes, as: UTF8.self) else {
            throw ValidationFailure([Diagnostic(file: path, line: 1, message: "not valid UTF-8")])
        }
        do {
            return try Yams.compose(yaml: text, .default, .default, .utf8)
        } catch let error as YamlError {
            throw ValidationFailure([
                Diagnostic(file: path, line: error.line, message: "not valid YAML: \(error.problem)")
            ])
        } catch {
            throw ValidationFailure([Diagnostic(file: path, line: 1, message: "not valid YAML")])
        }
    }
}
