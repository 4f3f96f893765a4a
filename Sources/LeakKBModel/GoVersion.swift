/// A Go release such as `go1.27.3`, ordered so claims can be guarded by it.
package struct GoVersion: Sendable, Hashable, Comparable, Codable, CustomStringConvertible {
    package let major: Int
    package let minor: Int
    package let patch: Int

    package init(major: Int, minor: Int, patch: Int = 0) {
        self.major = major
        self.minor = minor
        self.patch = patch
    }

    /// Reads `go1.27.3`, `1.22`, or the output of `go version`.
    package init?(_ text: some StringProtocol) {
        let word = text.split(separator: " ").first {
            $0.hasPrefix("go1") || $0.first?.isNumber == true && $0.contains(".")
        }
        guard var word else { return nil }
        if word.hasPrefix("go") { word = word.dropFirst(2) }
        let digits = word.prefix { $0.isNumber || $0 == "." }
        let parts = digits.split(separator: ".").map { Int($0) }
        guard parts.count >= 2, parts.allSatisfy({ $0 != nil }) else { return nil }
        self.init(major: parts[0]!, minor: parts[1]!, patch: parts.count > 2 ? parts[2]! : 0)
    }

    package var description: String {
        patch == 0 && minor < 21 ? "go\(major).\(minor)" : "go\(major).\(minor).\(patch)"
    }

    package static func < (lhs: GoVersion, rhs: GoVersion) -> Bool {
        (lhs.major, lhs.minor, lhs.patch) < (rhs.major, rhs.minor, rhs.patch)
    }
}
