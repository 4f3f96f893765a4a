import LeakKBModel
import LeakKBSystem
/// The article files under `Content/<language>/*.md`, found without reading
/// them, so that deciding whether the index is fresh costs only stat calls.
package struct ContentTree: Sendable {
    package struct File: Sendable, Hashable {
        package let path: String  // relative to the root
        package let language: String
        package let slug: String
        package let status: FileSystem.Status
        package var size: Int64 { status.size }
        package var modified: Int64 { status.modified }
    }

    package let root: String
    /// In directory order: sorting 10,000 names would cost the freshness
    /// check more than the fingerprint needs; readers that report sort.
    package let files: [File]
    /// Names where an article would be that are not regular files (a FIFO,
    /// a directory, a symbolic link to nothing): reported, never skipped,
    /// and never opened (opening a FIFO waits for a writer).
    package let irregularFiles: [Diagnostic]
    /// `Content/tags.yml`'s status, or nil when it is missing.
    package let tagsStatus: FileSystem.Status?
    /// `Content/equivalences.yml`'s status, or nil when there is none.
    package let equivalencesStatus: FileSystem.Status?

    package init(root: String) {
        self.root = root
        var files: [File] = []
        var irregular: [Diagnostic] = []
        let content = root + "/Content"
        for language in FileSystem.entries(of: content) where language.isDirectory && !language.name.hasPrefix(".") {
            let directory = content + "/" + language.name
            let found = FileSystem.files(in: directory, where: { $0.hasSuffix(".md") && !$0.hasPrefix(".") })
            for (name, status) in found.regular {
                files.append(
                    File(
                        path: "Content/\(language.name)/\(name)", language: language.name,
                        slug: String(name.dropLast(3)), status: status))
            }
            for (name, what) in found.irregular {
                irregular.append(
                    Diagnostic(
                        file: "Content/\(language.name)/\(name)", line: 1,
                        message: "\(what); remove it or put the article there"))
            }
        }
        self.files = files
        self.irregularFiles = irregular
        self.tagsStatus = FileSystem.status(root + "/" + TagList.path)
        self.equivalencesStatus = FileSystem.status(root + "/" + Equivalences.path)
    }

    /// A digest of every file's path, size and modification time, the same
    /// whatever order the files were listed in: a wrapping sum of per-file hashes.
    package var fingerprint: String {
        var sum: UInt64 = 0
        for file in files {
            var hash = ContentHash()
            hash.add(file.path)
            hash.add(file.size)
            hash.add(file.modified)
            sum &+= hash.value
        }
        for problem in irregularFiles {
            var hash = ContentHash()
            hash.add(problem.description)
            sum &+= hash.value
        }
        var hash = ContentHash()
        hash.add(String(sum))
        hash.add(tagsStatus.map { "\($0.size) \($0.modified)" } ?? "no tags")
        hash.add(equivalencesStatus.map { "\($0.size) \($0.modified)" } ?? "no equivalences")
        return hash.hex
    }

    /// The files sorted by path, for work whose order shows (reports, rowids).
    package var filesByPath: [File] { files.sorted { $0.path < $1.path } }

    package var hasContentDirectory: Bool { FileSystem.isDirectory(root + "/Content") }
}
