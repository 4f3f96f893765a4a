import Foundation
import LeakKBModel
import LeakKBSystem

/// Builds a demo once per toolchain and source version:
/// `.leakkb/cache/<toolchain version>/<slug>-<source hash>`. A cached demo
/// starts without calling the compiler; a failed build never leaves a cache entry.
package struct DemoBuilder: Sendable {
    package let root: String
    package let language: any DemoLanguage
    package let toolchain: Toolchain

    package init(root: String, language: any DemoLanguage, toolchain: Toolchain) {
        self.root = root
        self.language = language
        self.toolchain = toolchain
    }

    package struct Build: Sendable {
        package let binary: String
        package let cached: Bool
        package let seconds: Double
    }

    package func build(_ demo: String) async throws(DemoError) -> Build {
        let directory = "Demos/\(language.name)/\(demo)"
        guard FileSystem.isDirectory("\(root)/\(directory)") else {
            throw .demoMissing(slug: demo, directory: directory)
        }
        let sources = try language.sources(of: demo, root: root)

        let cacheDirectory = "\(root)/.leakkb/cache/\(toolchain.version)"
        let binary = "\(cacheDirectory)/\(demo)-\(sourceHash(sources))"
        if FileSystem.exists(binary) { return Build(binary: binary, cached: true, seconds: 0) }

        let started = ContinuousClock.now
        do {
            try FileSystem.makeDirectories(cacheDirectory)
        } catch {
            throw .launchFailed(slug: demo, reason: "cannot create \(cacheDirectory): \(error)")
        }
        // Build beside the final name, then rename: a killed build leaves a
        // temporary file that is never mistaken for a finished one.
        let partial = "\(binary).partial-\(ProcessInfo.processInfo.processIdentifier)"
        do {
            try await language.compile(demo, into: partial, root: root, with: toolchain)
        } catch {
            unlink(partial)
            throw error
        }
        guard FileSystem.exists(partial) else {
            throw .compileFailed(directory: directory, output: "the compiler reported success but wrote no program")
        }
        guard rename(partial, binary) == 0 else {
            unlink(partial)
            throw .launchFailed(slug: demo, reason: "cannot move the built demo into \(cacheDirectory)")
        }
        return Build(binary: binary, cached: false, seconds: (ContinuousClock.now - started).seconds)
    }

    /// The paths (relative to the root, so a moved knowledge base keeps its
    /// cache) and bytes of everything the demo is built from.
    package func sourceHash(_ sources: [String]) -> String {
        var hash = ContentHash()
        for file in sources {
            hash.add(String(file.dropFirst(root.count)))
            hash.add((try? FileSystem.read(file)) ?? [])
        }
        return hash.hex
    }
}
