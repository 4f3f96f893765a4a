import LeakKBModel

/// A compiler (or interpreter) leakkb builds one language's demos with, and
/// the release it reported: recorded with every run (`go1.27.3`) and
/// compared by the claims' toolchain guards.
public struct Toolchain: Sendable, Hashable {
    /// The `DemoLanguage.name` it builds.
    public let language: String
    public let executable: String
    public let version: GoVersion

    public init(language: String, executable: String, version: GoVersion) {
        self.language = language
        self.executable = executable
        self.version = version
    }
}
