/// One claim an article makes about its demo, such as
/// `leaky.after.heap_inuse >= 50 * fixed.after.heap_inuse`, parsed from the
/// grammar in DESIGN.md and checked against measured figures. It is written
/// and read as its text, so the claim is parsed once, in the catalogue, and a
/// stored one that no longer parses is an error where it is read.
public struct Expectation: Sendable, Hashable, Codable, CustomStringConvertible {
    public enum Variant: String, Sendable, Hashable, Codable, CaseIterable {
        case leaky, fixed
        package var other: Variant { self == .leaky ? .fixed : .leaky }
    }

    public enum Phase: String, Sendable, Hashable, Codable { case before, after, delta }

    public enum Comparison: String, Sendable, Hashable, Codable, CaseIterable {
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
    public struct Reference: Sendable, Hashable, CustomStringConvertible {
        public let variant: Variant
        public let phase: Phase
        public let metric: String
        public var description: String { "\(variant).\(phase).\(metric)" }
    }

    /// `go<1.23:` — the claim applies only when the demo ran on a matching Go.
    public struct ToolchainGuard: Sendable, Hashable, CustomStringConvertible {
        public let comparison: Comparison
        public let version: GoVersion
        public func admits(_ toolchain: GoVersion) -> Bool {
            // Guards name releases (1.23), so compare major.minor only.
            let ran = GoVersion(major: toolchain.major, minor: toolchain.minor)
            return comparison.holds(ran < version ? -1 : ran == version ? 0 : 1, 0)
        }
        public var description: String { "go\(comparison.rawValue)\(version.major).\(version.minor)" }
    }

    public enum Claim: Sendable, Hashable {
        case compare(Reference, Comparison, Double)
        case ratio(Reference, Comparison, Double, Reference)
        case panicContains(Variant, String)
        case noPanic(Variant)
    }

    public let text: String
    public let toolchainGuard: ToolchainGuard?
    public let claim: Claim

    public init(_ text: String) throws(ExpectationError) {
        self.text = text
        var rest = Substring(text.trimmingWhitespace)
        if rest.hasPrefix("go"), let colon = rest.firstIndex(of: ":") {
            toolchainGuard = try Self.parseGuard(rest[rest.index(rest.startIndex, offsetBy: 2)..<colon])
            rest = Substring(rest[rest.index(after: colon)...].trimmingWhitespace)
        } else {
            toolchainGuard = nil
        }
        claim = try Self.parseClaim(rest)
    }

    public var description: String { text }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        do {
            try self.init(text)
        } catch {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: "claim '\(text)': \(error)")
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(text)
    }

    /// The variants whose figures the claim reads.
    public var variants: Set<Variant> {
        switch claim {
        case .compare(let ref, _, _): [ref.variant]
        case .ratio(let lhs, _, _, let rhs): [lhs.variant, rhs.variant]
        case .panicContains(let variant, _), .noPanic(let variant): [variant]
        }
    }

    // MARK: - Parsing

    private static func parseGuard(_ text: Substring) throws(ExpectationError) -> ToolchainGuard {
        guard let comparison = Comparison.allCases.first(where: { text.hasPrefix($0.rawValue) }),
            let version = GoVersion(text.dropFirst(comparison.rawValue.count))
        else { throw ExpectationError("toolchain guard 'go\(text):' must look like 'go<1.23:' or 'go>=1.23:'") }
        return ToolchainGuard(comparison: comparison, version: version)
    }

    private static func parseClaim(_ text: Substring) throws(ExpectationError) -> Claim {
        for variant in Variant.allCases {
            let prefix = "\(variant.rawValue).panic"
            guard text.hasPrefix(prefix) else { continue }
            let rest = text.dropFirst(prefix.count).trimmingWhitespace
            if rest == "== none" { return .noPanic(variant) }
            if rest.hasPrefix("contains '"), rest.hasSuffix("'"), rest.count > "contains ''".count - 1 {
                let needle = rest.dropFirst("contains '".count).dropLast()
                if !needle.isEmpty { return .panicContains(variant, String(needle)) }
            }
            throw ExpectationError("'\(prefix)' must be followed by \"== none\" or \"contains '<text>'\"")
        }
        guard let (comparison, range) = findComparison(in: text) else {
            throw ExpectationError("no comparison (one of >= <= == > <) in '\(text)'")
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

    private static func parseReference(_ text: String) throws(ExpectationError) -> Reference {
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 3, let variant = Variant(rawValue: String(parts[0])) else {
            throw ExpectationError("'\(text)' must be <leaky|fixed>.<before|after|delta>.<metric>")
        }
        guard let phase = Phase(rawValue: String(parts[1])) else {
            throw ExpectationError("'\(parts[1])' in '\(text)' must be before, after or delta")
        }
        let metric = String(parts[2])
        guard !metric.isEmpty, metric.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_") }) else {
            throw ExpectationError("metric '\(metric)' must be a snake_case name such as heap_inuse")
        }
        return Reference(variant: variant, phase: phase, metric: metric)
    }

    package static let units: [(String, Double)] = [("GiB", 1_073_741_824), ("MiB", 1_048_576), ("KiB", 1024)]

    private static func parseQuantity(_ text: String) throws(ExpectationError) -> Double {
        for (unit, scale) in units where text.hasSuffix(unit) {
            return try parseNumber(String(text.dropLast(unit.count)).trimmingWhitespace) * scale
        }
        return try parseNumber(text)
    }

    private static func parseNumber(_ text: String) throws(ExpectationError) -> Double {
        let plain = text.filter { $0 != "_" }
        guard let value = Double(plain), value.isFinite, !plain.isEmpty,
            plain.allSatisfy({ $0.isNumber || $0 == "." || $0 == "-" })
        else { throw ExpectationError("'\(text)' is not a number (units allowed: KiB, MiB, GiB)") }
        return value
    }
}

/// Why a claim could not be read; the catalogue adds the file and line.
public struct ExpectationError: Error, Sendable, CustomStringConvertible {
    public let description: String
    package init(_ description: String) { self.description = description }
}
