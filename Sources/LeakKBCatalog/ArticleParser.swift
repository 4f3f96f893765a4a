import LeakKBMarkdown
import LeakKBModel
import LeakKBSystem
#if canImport(Glibc)
import Glibc
#endif

/// Reads and validates one article against what the rest of the knowledge
/// base offers (known tags, existing slugs, demo directories).
package struct ArticleParser {
    package let root: String
    package let tags: Set<String>
    package let slugs: Set<String>

    package init(root: String, tags: Set<String>, slugs: Set<String>) {
        self.root = root
        self.tags = tags
        self.slugs = slugs
    }

    package static let maximumSize = 8 << 20

    package func parse(_ file: ContentTree.File) throws(ValidationFailure) -> Pattern {
        try parse(read(file), file: file)
    }

    /// The article's bytes; its size is judged from the status the content
    /// tree already took, so an oversized file is refused without reading it.
    package func read(_ file: ContentTree.File) throws(ValidationFailure) -> [UInt8] {
        guard file.size <= Self.maximumSize else { throw tooLarge(file, size: file.size) }
        do {
            return try FileSystem.read(root + "/" + file.path, limit: Self.maximumSize)
        } catch  where error.code == EFBIG {
            throw tooLarge(file, size: nil)  // grew after it was listed
        } catch {
            throw ValidationFailure([Diagnostic(file: file.path, line: 1, message: "cannot read: \(error.problem)")])
        }
    }

    private func tooLarge(_ file: ContentTree.File, size: Int64?) -> ValidationFailure {
        let limit = "the limit is \(Self.maximumSize >> 20) MiB"
        let found =
            size.map { size in
                // Tenths of a MiB rounded up: a file just over the limit must not read as equal to it.
                let tenths = (size * 10 + (1 << 20) - 1) >> 20
                return "article is \(tenths / 10).\(tenths % 10) MiB"
            } ?? "article is larger than the limit"
        return ValidationFailure([Diagnostic(file: file.path, line: 1, message: "\(found); \(limit)")])
    }

    package func parse(_ bytes: [UInt8], file: ContentTree.File) throws(ValidationFailure) -> Pattern {
        let path = file.path
        guard bytes.count <= Self.maximumSize else { throw tooLarge(file, size: Int64(bytes.count)) }
        let text: ArticleText
        do {
            text = try ArticleText.split(bytes, file: path)
        } catch {
            throw ValidationFailure([error])
        }
        var (front, problems) = try FrontMatter.parse(text.frontMatter, file: path, firstLine: text.frontMatterLine)
        func problem(_ line: Int, _ message: String) {
            problems.append(Diagnostic(file: path, line: line, message: message))
        }

        if !Self.isSlug(file.slug) {
            problem(1, "file name '\(file.slug).md' must be a slug: lower-case letters, digits and '-'")
        }
        if front.language.value != file.language {
            problem(
                front.language.line,
                "language '\(front.language.value)' does not match the directory Content/\(file.language)/")
        }
        let kind = Kind(rawValue: front.kind.value)
        if kind == nil {
            problem(front.kind.line, "unknown kind '\(front.kind.value)' (known: \(Kind.names))")
        }
        if front.tags.isEmpty { problem(front.title.line, "'tags' needs at least one tag") }
        for tag in front.tags where !tags.contains(tag.value) {
            problem(
                tag.line,
                "unknown tag '\(tag.value)'\(Suggestion.phrase(for: tag.value, among: tags)) (known tags are listed in \(TagList.path))"
            )
        }
        for related in front.related {
            if related.value == file.slug {
                problem(related.line, "'related' names the article itself")
            } else if !slugs.contains(related.value) {
                problem(
                    related.line,
                    "related pattern '\(related.value)' does not exist\(Suggestion.phrase(for: related.value, among: slugs))"
                )
            }
        }
        if let demo = front.demo {
            let directory = "Demos/\(file.language)/\(demo.value)"
            if !Self.isSlug(demo.value) {
                problem(demo.line, "demo '\(demo.value)' must be a directory name under Demos/\(file.language)/")
            } else if !FileSystem.isDirectory(root + "/" + directory) {
                problem(demo.line, "demo directory \(directory)/ does not exist")
            }
        } else if let first = (front.expect + front.observe).min(by: { $0.line < $1.line }) {
            let field = front.expect.contains(first) ? "expect" : "observe"
            problem(first.line, "'\(field)' needs a 'demo' to check the claims against")
        }
        func parsed(_ lines: [Located<String>]) -> [Located<Claim>] {
            lines.compactMap { line in
                do {
                    return Located(try Claim(line.value), line: line.line)
                } catch {
                    problem(line.line, "claim '\(line.value)': \(error)")
                    return nil
                }
            }
        }
        let claims = parsed(front.expect).filter { claim in
            guard case .figure = claim.value.form else { return true }
            problem(
                claim.line,
                "'\(claim.value)' names a figure but claims nothing: add a comparison, or list it under 'observe:'")
            return false
        }
        let observations = parsed(front.observe)
        if let kind, !kind.hasSignatures, let first = front.signatures.first {
            problem(
                first.line,
                "'signatures' belong to leak, goroutine-leak, retention and resource-leak articles, not \(kind.rawValue)"
            )
        }
        for source in front.sources where !(source.value.hasPrefix("https://") || source.value.hasPrefix("http://")) {
            problem(source.line, "source '\(source.value)' must be an http(s) URL")
        }

        let document = Document(markdown: text.body, firstLine: text.bodyLine, publishedLink: ArticleLink.page(of:))
        // A file that ends on its closing '---' has no body line to name.
        let bodyLine = text.body.isEmpty ? text.bodyLine - 1 : text.bodyLine
        if let kind { checkSections(document, kind: kind, bodyLine: bodyLine, report: problem) }
        if let line = document.overlyNestedLine {
            let limit = Document.maximumNesting
            problem(line, "nesting deeper than \(limit) levels of block quotes, lists, emphasis or links")
        }
        for link in document.links {
            if let slug = ArticleLink.slug(of: link.value), !slugs.contains(slug) {
                problem(link.line, "broken link '\(link.value)': no article '\(slug)'")
            }
        }

        guard problems.isEmpty, let kind else { throw ValidationFailure(problems) }
        return Pattern(
            slug: file.slug, language: file.language, path: path,
            title: front.title.value, kind: kind, tags: front.tags.map(\.value),
            aliases: front.aliases.map(\.value), summary: front.summary.value,
            affects: front.affects?.value, fixedIn: front.fixedIn?.value, demo: front.demo?.value,
            claims: claims, observations: observations, relatedReferences: front.related,
            sources: front.sources.map(\.value), symptoms: front.symptoms.map(\.value),
            signatures: front.signatures, document: document, sourceHash: ContentHash.of(bytes)
        )
    }

    private func checkSections(_ document: Document, kind: Kind, bodyLine: Int, report: (Int, String) -> Void) {
        let sections = document.headings.filter { $0.level == 2 }
        var position = sections.startIndex
        for required in kind.requiredSections {
            if let found = sections[position...].firstIndex(where: { $0.text == required }) {
                position = found + 1
            } else if let early = sections.first(where: { $0.text == required }) {
                let order = kind.requiredSections.map { "## \($0)" }.joined(separator: ", ")
                report(early.line, "section '## \(required)' is out of order (\(kind.rawValue) articles use: \(order))")
            } else {
                let order = kind.requiredSections.map { "## \($0)" }.joined(separator: ", ")
                report(bodyLine, "missing section '## \(required)' (\(kind.rawValue) articles use: \(order))")
            }
        }
    }

    package static func isSlug(_ text: String) -> Bool {
        !text.isEmpty && text.first != "-"
            && text.allSatisfy { ($0.isASCII && ($0.isLowercase || $0.isNumber)) || $0 == "-" }
    }
}
