import Foundation
import LeakKBModel

/// The Go releases a pattern affects, as far as a list can filter by them:
/// the leading constraint of `affects:` (`>=1.7`, `language version < 1.22`,
/// read up to the first `(` or `;`) and the first release `fixed_in:` names.
/// What follows in either (conditions, prose) is for the article to explain.
package struct AffectedVersions: Sendable, Equatable {
    /// The first affected release, when `affects:` names one.
    package let from: GoVersion?
    /// The first release no longer affected.
    package let until: GoVersion?

    package init(affects: String?, fixedIn: String?) {
        var from: GoVersion?
        var until: GoVersion?
        let leading = (affects ?? "").prefix { $0 != "(" && $0 != ";" }
        for match in leading.matches(of: Self.constraint) {
            let (_, comparison, number) = match.output
            guard let version = GoVersion(number) else { continue }
            let next = GoVersion(major: version.major, minor: version.minor + 1)
            switch comparison {
            case ">=": from = from ?? version
            case ">": from = from ?? next
            case "<": until = until ?? version
            default: until = until ?? next  // "<="
            }
        }
        if let fixed = fixedIn?.firstMatch(of: Self.release).flatMap({ GoVersion($0.output) }) {
            until = until.map { min($0, fixed) } ?? fixed
        }
        self.from = from
        self.until = until
    }

    nonisolated(unsafe) private static let constraint = /(>=|<=|>|<)\s*(\d+\.\d+(?:\.\d+)?)/
    nonisolated(unsafe) private static let release = /\d+\.\d+(?:\.\d+)?/

    /// `1.22.0`: how the list's rows carry a release for search.js to compare.
    package static func attribute(_ version: GoVersion?) -> String {
        version.map { "\($0.major).\($0.minor).\($0.patch)" } ?? ""
    }
}
