extension String {
    /// Directories of a knowledge base's own that recorded output names
    /// (the build cache, the toolchains, the demos' sources).
    package static let knowledgeBaseDirectories = ["/.leakkb/", "/.tools/", "/Demos/"]

    /// The text with every absolute path under the knowledge base at `root`
    /// written relative to it (`/srv/kb/.leakkb/cache/x` → `.leakkb/cache/x`),
    /// so that output recorded on one machine shows nothing of where it ran.
    /// A path through one of the knowledge base's own directories is cut
    /// there too, since a run recorded before the knowledge base moved (or
    /// on another machine) names an old root. Other text is kept as it is.
    package func relativizingPaths(under root: String) -> String {
        var base = Substring(root)
        while base.hasSuffix("/") { base = base.dropLast() }
        let prefix = base.isEmpty ? nil : base + "/"
        var result = ""
        result.reserveCapacity(utf8.count)
        var rest = self[...]
        while let slash = rest.firstIndex(of: "/") {
            let before = rest[..<slash]
            // A path starts at a slash that no path character precedes.
            if let last = before.last ?? result.last, !Self.endsPath(last) {
                result += rest[...slash]
                rest = rest[rest.index(after: slash)...]
                continue
            }
            result += before
            let end = rest[slash...].firstIndex(where: Self.endsPath) ?? rest.endIndex
            result += Self.relative(rest[slash..<end], prefix: prefix)
            rest = rest[end...]
        }
        return result + rest
    }

    private static func endsPath(_ character: Character) -> Bool {
        character.isWhitespace || "\"'`()<>[]{},;=".contains(character)
    }

    private static func relative(_ path: Substring, prefix: Substring?) -> Substring {
        if let prefix {
            if path == prefix.dropLast() || path == prefix { return "." }
            if path.hasPrefix(prefix) { return path.dropFirst(prefix.count) }
        }
        let cut = knowledgeBaseDirectories.compactMap { path.range(of: $0)?.lowerBound }.min()
        guard let cut else { return path }
        return path[path.index(after: cut)...]
    }
}

extension VariantRun {
    /// The run with paths under the knowledge base at `root` made relative
    /// to it in everything it quotes from the demo (see `relativizingPaths`).
    package func relativizingPaths(under root: String) -> VariantRun {
        var run = self
        run.panic = panic?.relativizingPaths(under: root)
        run.exitStatus = exitStatus.relativizingPaths(under: root)
        run.stderrTail = stderrTail.relativizingPaths(under: root)
        return run
    }
}

extension ClaimResult {
    /// The verdict with paths under the knowledge base at `root` made
    /// relative in its detail (a panic message it quotes).
    package func relativizingPaths(under root: String) -> ClaimResult {
        ClaimResult(
            claim: claim, role: role, status: status, detail: detail.relativizingPaths(under: root),
            swapProblem: swapProblem?.relativizingPaths(under: root))
    }
}
