import Foundation
import LeakKBModel
import LeakKBSystem
import Subprocess
#if canImport(System)
import System
#else
import SystemPackage
#endif

/// Builds a demo once per toolchain and source version:
/// `.leakkb/cache/<go version>/<slug>-<source hash>`. A cached demo starts
/// without calling the compiler; a failed build never leaves a cache entry.
public struct DemoBuilder: Sendable {
    public let root: String
    public let toolchain: Toolchain
    public let language = "go"

    public init(root: String, toolchain: Toolchain) {
        self.root = root
        self.toolchain = toolchain
    }

    public struct Build: Sendable {
        public let binary: String
        public let cached: Bool
        public let seconds: Double
    }

    package var moduleDirectory: String { "\(root)/Demos/\(language)" }

    public func build(_ demo: String) async throws(DemoError) -> Build {
        let directory = "Demos/\(language)/\(demo)"
        guard FileSystem.isDirectory("\(root)/\(directory)") else { throw .demoMissing(slug: demo, directory: directory) }
        let sources = goFiles(under: "\(root)/\(directory)")
        guard sources.contains(where: Self.isMainPackage) else { throw .noMainPackage(directory: directory) }

        let cacheDirectory = "\(root)/.leakkb/cache/\(toolchain.version)"
        let binary = "\(cacheDirectory)/\(demo)-\(sourceHash(demo: demo, sources: sources))"
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
        let result: ExecutionResult<Void, StringOutput<UTF8>, StringOutput<UTF8>>
        do {
            result = try await Subprocess.run(
                .path(FilePath(toolchain.executable)),
                arguments: ["build", "-o", partial, "./\(demo)"],
                environment: .inherit.updating(toolchain.environment(root: root)),
                workingDirectory: FilePath(moduleDirectory),
                output: .string(limit: 1 << 20), error: .string(limit: 1 << 20))
        } catch {
            throw .launchFailed(slug: demo, reason: "\(error)")
        }
        guard result.terminationStatus.isSuccess, FileSystem.exists(partial) else {
            unlink(partial)
            throw .compileFailed(directory: directory, output: Self.relativeToRoot(result.standardError, language: language))
        }
        guard rename(partial, binary) == 0 else {
            unlink(partial)
            throw .launchFailed(slug: demo, reason: "cannot move the built demo into \(cacheDirectory)")
        }
        return Build(binary: binary, cached: false, seconds: (ContinuousClock.now - started).seconds)
    }

    /// Everything a demo's binary depends on: its own files, the shared
    /// `internal/` packages and go.mod.
    package func sourceHash(demo: String, sources: [String]) -> String {
        var hash = ContentHash()
        let files = sources + goFiles(under: "\(moduleDirectory)/internal") + ["\(moduleDirectory)/go.mod"]
        for file in files {
            hash.add(String(file.dropFirst(root.count)))
            hash.add((try? FileSystem.read(file)) ?? [])
        }
        return hash.hex
    }

    private func goFiles(under directory: String) -> [String] {
        FileSystem.entries(of: directory).sorted { $0.name < $1.name }.flatMap { entry -> [String] in
            let path = "\(directory)/\(entry.name)"
            if entry.isDirectory { return goFiles(under: path) }
            return entry.name.hasSuffix(".go") ? [path] : []
        }
    }

    private static func isMainPackage(_ file: String) -> Bool {
        guard !file.hasSuffix("_test.go"), let bytes = try? FileSystem.read(file) else { return false }
        return String(decoding: bytes, as: UTF8.self).split(separator: "\n").contains { $0.trimmingWhitespace == "package main" }
    }

    /// The compiler names files relative to the module (`./nil-map/main.go:3:1`);
    /// make them relative to the knowledge base so they can be opened as printed.
    package static func relativeToRoot(_ output: String, language: String) -> String {
        output.split(separator: "\n").map { line -> String in
            var text = String(line)
            if text.hasPrefix("./") { text.removeFirst(2) }
            if let colon = text.firstIndex(of: ":"), text[..<colon].hasSuffix(".go") {
                return "Demos/\(language)/" + text
            }
            return text
        }.joined(separator: "\n")
    }
}
