/// One claim an article makes about its demo, such as
/// `leaky.after.heap_inuse >= 50 * fixed.after.heap_inuse`, parsed from the
/// grammar in DESIGN.md and checked against measured figures. It is written
/// and read as its text, so the claim is parsed once, in the catalogue, and a
/// stored one that no longer parses is an error where it is read.
package struct Claim: Sendable, Hashable, Codable, CustomStringConvertible {
    package enum Phase: String, Sendable, Hashable, Codable { case before, after, delta }

    package enum Comparison: String, Sendable, Hashable, Codable, CaseIterable {
        // Two-character operators first, so `>=` is not read as `>`.
        case atLeast = ">=", atMost = "<=", equal = "==", greater = ">", less = "<"

        package func holds(_ lhs: Double, _ rhs: Double) -> Bool {
            switch self {
            case .atLeast: lhs >= rhs
            case .atMost: lhs <= rhs
            case .equal: lhs == rhs
            case .greater: lhs > rhs
            case .less: lhs < rhs
            }
        }
    }

    /// `leaky.after.heap_inuse`
    package struct Reference: Sendable, Hashable, CustomStringConvertible {
        package let variant: Variant
        package let phase: Phase
        package let metric: String
        package var description: String { "\(variant).\(phase).\(metric)" }
    }

    /// `go<1.23:` — the claim applies only when the demo ran on a matching Go.
    package struct ToolchainGuard: Sendable, Hashable, CustomStringConvertible {
        package let comparison: Comparison
        package let version: GoVersion
        package func admits(_ toolchain: GoVersion) -> Bool {
            // Guards name releases (1.23), so compare major.minor only.
            let ran = GoVersion(major: toolchain.major, minor: toolchain.minor)
            return comparison.holds(ran < version ? -1 : ran == version ? 0 : 1, 0)
        }
        package var description: String { "go\(comparison.rawValue)\(version.major).\(version.minor)" }
    }

    package enum Form: Sendable, Hashable {
        case compare(Reference, Comparison, Double)
        case ratio(Reference, Comparison, Double, Reference)
        case panicContains(Variant, String)
        case noPanic(Variant)
        /// A bare figure (`leaky.after.cache_entries`): shown, not compared.
        /// Only observations may be one; the catalogue refuses it as a claim.
        case figure(Reference)
    }

    package let text: String
    package let toolchainGuard: ToolchainGuard?
    package let form: Form

    package init(_ text: String) throws(ClaimError) {
        self.text = text
        var rest = Substring(text.trimmingWhitespace)
        if rest.hasPrefix("go"), let colon = rest.firstIndex(of: ":") {
            toolchainGuard = try Self.parseGuard(rest[rest.index(rest.startIndex, offsetBy: 2)..<colon])
            rest = Substring(rest[rest.index(after: colon)...].trimmingWhitespace)
        } else {
            toolchainGuard = nil
        }
        form = try Self.parseForm(rest)
    }

    package var description: String { text }

    package init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        do {
            try self.init(text)
        } catch {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: "claim '\(text)': \(error)")
        }
    }

    package func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(text)
    }

    /// Whether the claim speaks of runs on `toolchain` (its guard admits it).
    package func applies(on toolchain: GoVersion) -> Bool {
        toolchainGuard?.admits(toolchain) ?? true
    }

    /// The figures the claim reads.
    package var references: [Reference] {
        switch form {
        case .compare(let reference, _, _): [reference]
        case .ratio(let lhs, _, _, let rhs): [lhs, rhs]
        case .figure(let reference): [reference]
        case .panicContains, .noPanic: []
        }
    }

    /// The variants whose figures the claim reads.
    package var variants: Set<Variant> {
        switch form {
        case .compare(let ref, _, _), .figure(let ref): [ref.variant]
        case .ratio(let lhs, _, _, let rhs): [lhs.variant, rhs.variant]
        case .panicContains(let variant, _), .noPanic(let variant): [variant]
        }
    }

    // MARK: - Parsing

    private static func parseGuard(_ text: Substring) throws(ClaimError) -> ToolchainGuard {
        guard let comparison = Comparison.allCases.first(where: { text.hasPrefix($0.rawValue) }),
            let version = GoVersion(text.dropFirst(comparison.rawValue.count))
        else { throw ClaimError("toolchain guard 'go\(text):' must look like 'go<1.23:' or 'go>=1.23:'") }
        return ToolchainGuard(comparison: comparison, version: version)
    }

    private static func parseForm(_ text: Substring) throws(ClaimError) -> Form {
        for variant in Variant.allCases {
            let prefix = "\(variant.rawValue).panic"
            guard text.hasPrefix(prefix) else { continue }
            let rest = text.dropFirst(prefix.count).trimmingWhitespace
            if rest == "== none" { return .noPanic(variant) }
            if rest.hasPrefix("contains '"), rest.hasSuffix("'"), rest.count > "contains ''".count - 1 {
                let needle = rest.dropFirst("contains '".count).dropLast()
                if !needle.isEmpty { return .panicContains(variant, String(needle)) }
            }
            throw ClaimError("'\(prefix)' must be followed by \"== none\" or \"contains '<text>'\"")
        }
        guard let (comparison, range) = findComparison(in: text) else {
            if let reference = try? parseReference(String(text)) { return .figure(reference) }
            throw ClaimError("no comparison (one of >= <= == > <) in '\(text)'")
        }
        let lhs = try parseReference(text[..<range.lowerBound].trimmingWhitespace)
        let rhsText = text[range.upperBound...].trimmingWhitespace
        if let star = rhsText.firstIndex(of: "*") {
            let factor = try parseNumber(rhsText[..<star].trimmingWhitespace)
            let rhs = try parseReference(rhsText[rhsText.index(after: star)...].trimmingWhitespace)
            return .ratio(lhs, comparison, factor, rhs)
        }
        return .compare(lhs, comparison, try parseQuantity(rhsText))
    }

    private static func findComparison(in text: Substring) -> (Comparison, Range<Substring.Index>)? {
        var best: (Comparison, Range<Substring.Index>)?
        for comparison in Comparison.allCases {
            if let range = text.range(of: comparison.rawValue),
                best == nil || range.lowerBound < best!.1.lowerBound
            {
                best = (comparison, range)
            }
        }
        return best
    }

    private static func parseReference(_ text: String) throws(ClaimError) -> Reference {
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 3, let variant = Variant(rawValue: String(parts[0])) else {
            throw ClaimError("'\(text)' must be <leaky|fixed>.<before|after|delta>.<metric>")
        }
        guard let phase = Phase(rawValue: String(parts[1])) else {
            throw ClaimError("'\(parts[1])' in '\(text)' must be before, after or delta")
        }
        let metric = String(parts[2])
        guard !metric.isEmpty, metric.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_") }) else {
            throw ClaimError("metric '\(metric)' must be a snake_case name such as heap_inuse")
        }
        return Reference(variant: variant, phase: phase, metric: metric)
    }

    package static let units: [(String, Double)] = [("GiB", 1_073_741_824), ("MiB", 1_048_576), ("KiB", 1024)]

    private static func parseQuantity(_ text: String) throws(ClaimError) -> Double {
        for (unit, scale) in units where text.hasSuffix(unit) {
            return try parseNumber(String(text.dropLast(unit.count)).trimmingWhitespace) * scale
        }
        return try parseNumber(text)
    }

    private static func parseNumber(_ text: String) throws(ClaimError) -> Double {
        let plain = text.filter { $0 != "_" }
        guard let value = Double(plain), value.isFinite, !plain.isEmpty,
            plain.allSatisfy({ $0.isNumber || $0 == "." || $0 == "-" })
        else { throw ClaimError("'\(text)' is not a number (units allowed: KiB, MiB, GiB)") }
        return value
    }
}

/// Why a claim could not be read; the catalogue adds the file and line.
package struct ClaimError: Error, Sendable, CustomStringConvertible {
    package let description: String
    package init(_ description: String) { self.description = description }
}
