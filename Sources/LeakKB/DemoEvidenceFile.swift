import LeakKBModel

/// One of the files a demo variant writes with `-evidence` (Demos/PROTOCOL.md)
/// that `check --demos` diagnoses, with the earlier snapshot it is diffed
/// against, if any.
package struct DemoEvidenceFile: Sendable, Hashable {
    /// The file's name after the `<variant>-` prefix: `goroutine-debug2.txt`.
    package let name: String
    /// The name of the snapshot to pass as `--base`, when the file is read as a diff.
    package let base: String?
    package let domain: SignatureDomain

    package init(_ name: String, base: String? = nil, domain: SignatureDomain) {
        self.name = name
        self.base = base
        self.domain = domain
    }

    /// What `check --demos` diagnoses of each variant's evidence.
    package static let diagnosed: [DemoEvidenceFile] = [
        DemoEvidenceFile("goroutine-debug2.txt", domain: .goroutineDump),
        DemoEvidenceFile("goroutine.pb.gz", domain: .goroutineProfile),
    ]

    /// `<directory>/<variant>-<name>`.
    package func path(in directory: String, variant: Variant) -> String {
        "\(directory)/\(variant)-\(name)"
    }

    /// The base snapshot's path, beside the file.
    package func basePath(in directory: String, variant: Variant) -> String? {
        base.map { "\(directory)/\(variant)-\($0)" }
    }
}
