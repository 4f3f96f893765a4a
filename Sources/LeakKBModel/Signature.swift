/// What a pattern's evidence looks like, written in an article's
/// `signatures:` list and matched by `leakkb diagnose`: wait states as a
/// goroutine dump prints them, regexes over a goroutine's functions from the
/// top of its stack down, regexes over a heap profile's allocation stacks, and
/// the toolchains whose evidence it describes. Regexes are the subset Go's RE2
/// and Swift both read: no lookaround, no backreferences.
package struct Signature: Sendable, Hashable, Codable {
    /// Wait states, as in `goroutine 7 [chan send, 3 minutes]:` before the comma.
    package let states: [String]
    /// Regexes, matched top to bottom: each must match a function below the previous one's match.
    package let frames: [String]
    /// Regexes over the functions of a heap profile's allocation stacks.
    package let heap: [String]
    /// `<1.23`, `>=1.23`: only evidence from these toolchains; nil for all.
    package let toolchains: ToolchainRange?
    /// How many of the group's goroutines each creating goroutine started,
    /// where the evidence says (`created by … in goroutine N`); nil: either.
    package let perCreator: PerCreator?
    /// Whether the first of `frames` must match the top frame outside the
    /// runtime (where the goroutine itself waits), not any frame below it:
    /// a loop's own `select` against one inside a library it called.
    package let atTop: Bool

    package init(
        states: [String], frames: [String], heap: [String], toolchains: ToolchainRange? = nil,
        perCreator: PerCreator? = nil, atTop: Bool = false
    ) {
        self.states = states
        self.frames = frames
        self.heap = heap
        self.toolchains = toolchains
        self.perCreator = perCreator
        self.atTop = atTop
    }

    /// Whether it says what to look for at all.
    package var isEmpty: Bool { states.isEmpty && frames.isEmpty && heap.isEmpty }

    /// Whether evidence from `toolchain` (nil: unknown) may be judged by it.
    package func applies(to toolchain: GoVersion?) -> Bool {
        guard let toolchain, let toolchains else { return true }
        return toolchains.admits(toolchain)
    }

    private enum CodingKeys: String, CodingKey {
        case states = "state", frames, heap, toolchains = "go", perCreator = "per-creator", atTop = "at-top"
    }

    package init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        states = try container.decode([String].self, forKey: .states)
        frames = try container.decode([String].self, forKey: .frames)
        heap = try container.decode([String].self, forKey: .heap)
        toolchains = try container.decodeIfPresent(ToolchainRange.self, forKey: .toolchains)
        perCreator = try container.decodeIfPresent(PerCreator.self, forKey: .perCreator)
        atTop = try container.decodeIfPresent(Bool.self, forKey: .atTop) ?? false
    }

    /// Why `pattern` is not a regex both Go and leakkb read, or nil when it is.
    package static func regexProblem(_ pattern: String) -> String? {
        if pattern.isEmpty { return "an empty regex matches everything" }
        for lookaround in ["(?=", "(?!", "(?<=", "(?<!"] where pattern.contains(lookaround) {
            return "lookaround '\(lookaround)' is not in Go's RE2"
        }
        var escaped = false
        for character in pattern {
            if escaped, character.isNumber && character != "0" || character == "k" {
                return "backreferences ('\\\(character)') are not in Go's RE2"
            }
            escaped = !escaped && character == "\\"
        }
        do {
            _ = try Regex(pattern)
            return nil
        } catch {
            return "does not compile: \(error)"
        }
    }
}

/// How the goroutines of a group came to be, by the goroutines that
/// started them: the one fact of a dump that tells a per-request leak (one
/// stuck goroutine per request) from a fan-out's (several per request).
package enum PerCreator: String, Sendable, Hashable, Codable, CaseIterable {
    /// Each was started by a different goroutine.
    case one
    /// Some goroutine started more than one of them.
    case many
}

/// The toolchains a signature speaks for, written as a claim's guard is
/// without the `go`: `<1.23`, `>=1.23`.
package struct ToolchainRange: Sendable, Hashable, Codable, CustomStringConvertible {
    package let comparison: Claim.Comparison
    package let version: GoVersion

    /// Reads `<1.23`, `>=1.23`; nil for anything else.
    package init?(_ text: String) {
        let text = text.trimmingWhitespace
        guard let comparison = Claim.Comparison.allCases.first(where: { text.hasPrefix($0.rawValue) }),
            let version = GoVersion(text.dropFirst(comparison.rawValue.count).trimmingWhitespace)
        else { return nil }
        self.comparison = comparison
        self.version = version
    }

    /// Releases are compared by major and minor only, as claim guards are.
    package func admits(_ toolchain: GoVersion) -> Bool {
        let ran = GoVersion(major: toolchain.major, minor: toolchain.minor)
        return comparison.holds(ran < version ? -1 : ran == version ? 0 : 1, 0)
    }

    package var description: String { "\(comparison.rawValue)\(version.major).\(version.minor)" }

    package init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        guard let range = ToolchainRange(text) else {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: "toolchain range '\(text)'")
        }
        self = range
    }

    package func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}

extension Kind {
    /// Kinds whose evidence a goroutine dump or a profile can show, and so
    /// whose articles may carry signatures.
    package var hasSignatures: Bool {
        switch self {
        case .goroutineLeak, .retention, .resourceLeak, .leak: true
        case .crash, .myth: false
        }
    }
}
