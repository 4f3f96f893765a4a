import LeakKBModel

/// Why the site could not be written. Each says, in one sentence, which
/// path and what to do; the previous site is intact whenever one is thrown.
package enum SiteError: Error, CustomStringConvertible {
    case missingResources
    case refusingToReplace(String)
    case cannotWrite(String, reason: String)
    /// The old site could not be renamed aside or the new one into its place.
    case cannotReplace(String, reason: String)
    /// A file the previous export holds and leakkb did not write could not be carried over.
    case cannotKeep(String, reason: String)
    /// `--out` is a symbolic link to a directory that does not exist.
    case danglingLink(String, destination: String)

    package var description: String {
        switch self {
        case .missingResources:
            "the templates are missing from leakkb's resources (rebuild leakkb)"
        case .refusingToReplace(let path):
            "\(path) is not empty and is not a site leakkb wrote; choose another --out or empty it"
        case .cannotWrite(let path, let reason):
            "cannot write \(path) (\(reason)); make its directory writable for you or choose another --out"
        case .cannotReplace(let path, let reason):
            "cannot move \(path) aside to put the new site in its place (\(reason)); allow renaming it "
                + "(its permissions, its directory's, chattr -i) or choose another --out"
        case .cannotKeep(let path, let reason):
            "cannot keep \(path), which leakkb did not write, in the new site (\(reason)); "
                + "move it away or choose another --out"
        case .danglingLink(let path, let destination):
            "\(path) is a symbolic link to \(destination), which does not exist; "
                + "create that directory or choose another --out"
        }
    }
}

extension SiteError: Failure {
    package var exitCode: Int32 { ExitStatus.failure }
    package var httpStatus: Int { 500 }
}
