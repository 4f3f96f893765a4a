/// The article files under `Content/<language>/*.md`, found without reading
/// them, so that deciding whether the index is fresh costs only stat calls.
public struct ContentTree: Sendable {
    public struct File: Sendable, Hashable {
        public let path: String       // relative to the root
        public let language: String
        public let slug: String
        let status: FileSystem.Status
        public var size: Int64 { status.size }
        public var modified: Int64 { status.modified }
    }

    public let root: String
    public let files: [File]
    /// `Content/tags.yml`'s status, or nil when it is missing.
    let tagsStatus: FileSystem.Status?

    public init(root: String) {
        self.root = root
        var found: [(language: String, name: String)] = []
        let content = root + "/Content"
        for language in FileSystem.entries(of: content) where language.isDirectory && !language.name.hasPrefix(".") {
            for entry in FileSystem.entries(of: content + "/" + language.name)
            where !entry.isDirectory && entry.name.hasSuffix(".md") && !entry.name.hasPrefix(".") {
                found.append((language.name, entry.name))
            }
        }
        // Every command stats every article to see whether the index is
        // fresh; the calls are independent, so spread them over the cores.
        let statuses = FileSystem.statuses(found.map { "\(content)/\($0.language)/\($0.name)" })
        files = zip(found, statuses).compactMap { entry, status in
            status.map { File(path: "Content/\(entry.language)/\(entry.name)", language: entry.language,
                              slug: String(entry.name.dropLast(3)), status: $0) }
        }
        self.tagsStatus = FileSystem.status(root + "/" + TagList.path)
    }

    /// A digest of every file's path, size and modification time.
    public var fingerprint: String {
        var hash = ContentHash()
        for file in files {
            hash.add(file.path)
            hash.add(String(file.size))
            hash.add(String(file.modified))
        }
        hash.add(tagsStatus.map { "\($0.size) \($0.modified)" } ?? "no tags")
        return hash.hex
    }

    public var hasContentDirectory: Bool { FileSystem.isDirectory(root + "/Content") }
}
