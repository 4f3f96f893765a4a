import LeakKBModel
import LeakKBSystem
#if canImport(Glibc)
import Glibc
#endif

/// Every article of a knowledge base, validated together.
package struct Catalog: Sendable {
    package let root: String
    package let tags: [Tag]
    package let patterns: [Pattern]
    package let equivalences: Equivalences

    /// Loads and validates everything under `root`; throws every problem
    /// found, across all files, at once.
    package static func load(root: String) throws(ValidationFailure) -> Catalog {
        let tree = ContentTree(root: root)
        guard tree.hasContentDirectory else {
            throw ValidationFailure([
                Diagnostic(file: "Content", line: 1, message: "no Content/ directory under \(root)")
            ])
        }
        let tags = try loadTags(root: root)
        var problems: [Diagnostic] = duplicateSlugs(in: tree.files) + tree.irregularFiles
        var equivalences = Equivalences(groups: [])
        do {
            equivalences = try loadEquivalences(root: root)
        } catch {
            problems += error.diagnostics
        }
        let parser = ArticleParser(root: root, tags: Set(tags.map(\.name)), slugs: Set(tree.files.map(\.slug)))
        var patterns: [Pattern] = []
        for file in tree.filesByPath {
            do {
                patterns.append(try parser.parse(file))
            } catch {
                problems += error.diagnostics
            }
        }
        guard problems.isEmpty else { throw ValidationFailure(problems) }
        return Catalog(root: root, tags: tags, patterns: patterns, equivalences: equivalences)
    }

    package static func loadTags(root: String) throws(ValidationFailure) -> [Tag] {
        do {
            return try TagList.parse(FileSystem.read(root + "/" + TagList.path, limit: ArticleParser.maximumSize))
        } catch let error as ValidationFailure {
            throw error
        } catch let error as FileError where error.code != ENOENT {
            throw ValidationFailure([Diagnostic(file: TagList.path, line: 1, message: "cannot read: \(error.problem)")])
        } catch {
            throw ValidationFailure([
                Diagnostic(file: TagList.path, line: 1, message: "missing: it lists the tags articles may use")
            ])
        }
    }

    /// `Content/equivalences.yml`, or none when there is no such file.
    package static func loadEquivalences(root: String) throws(ValidationFailure) -> Equivalences {
        do {
            return try Equivalences.parse(
                FileSystem.read(root + "/" + Equivalences.path, limit: ArticleParser.maximumSize))
        } catch let error as ValidationFailure {
            throw error
        } catch let error as FileError where error.code != ENOENT {
            throw ValidationFailure([
                Diagnostic(file: Equivalences.path, line: 1, message: "cannot read: \(error.problem)")
            ])
        } catch {
            return Equivalences(groups: [])
        }
    }

    package static func duplicateSlugs(in files: [ContentTree.File]) -> [Diagnostic] {
        Dictionary(grouping: files, by: \.slug).values.filter { $0.count > 1 }.flatMap { group in
            group.map { file in
                let others = group.filter { $0 != file }.map(\.path).joined(separator: ", ")
                return Diagnostic(
                    file: file.path, line: 1,
                    message: "slug '\(file.slug)' is also used by \(others); slugs must be unique")
            }
        }
    }
}
