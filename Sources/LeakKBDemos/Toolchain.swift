import LeakKBModel

/// A compiler (or interpreter) leakkb builds one language's demos with, and
/// the release it reported: recorded with every run (`go1.27.3`) and
/// compared by the claims' toolchain guards.
package struct Toolchain: Sendable, Hashable {
    /// The `DemoLanguage.name` it builds.
    package let language: String
    package let executable: String
    package let version: GoVersion

    package init(language: String, executable: String, version: GoVersion) {
        self.language = language
        self.executable = executable
        self.version = version
    }
}
