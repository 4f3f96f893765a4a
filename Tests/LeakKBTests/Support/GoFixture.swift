import Foundation

/// A Go program under Fixtures/, built at test time with one of the pinned
/// toolchains, so that tests read what a real Go runtime writes.
struct GoFixture {
    /// The toolchains the catalogue's claims are checked on.
    static let toolchains = [Repository.root + "/.tools/go/bin/go", Repository.root + "/.tools/go1.22/bin/go"]

    struct Failure: Error, CustomStringConvertible {
        let message: String
        var description: String { message }
    }

    let binary: String

    /// Builds `Fixtures/<path>/main.go` with `toolchain` into `directory`.
    init(_ path: String, toolchain: String, into directory: String) throws {
        binary = directory + "/" + path.replacingOccurrences(of: "/", with: "-")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: toolchain)
        process.arguments = ["build", "-o", binary, "main.go"]
        process.currentDirectoryURL = URL(fileURLWithPath: Repository.fixtures + "/" + path)
        var environment = ProcessInfo.processInfo.environment
        environment["GOTOOLCHAIN"] = "local"
        process.environment = environment
        let errors = Pipe()
        process.standardError = errors
        try process.run()
        let output = errors.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw GoFixture.Failure(message: "go build \(path): " + String(decoding: output, as: UTF8.self))
        }
    }

    /// Runs the program to its end with `arguments`; throws unless it exits with 0.
    func run(_ arguments: [String]) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: binary)
        process.arguments = arguments
        try process.run()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw GoFixture.Failure(message: "\(binary) exited with \(process.terminationStatus)")
        }
    }
}
