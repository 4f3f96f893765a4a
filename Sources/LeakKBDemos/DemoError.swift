import LeakKBModel

/// Why a demo could not produce figures. Each case names the demo and says
/// what to do; none of them leaves leakkb in a bad state.
package enum DemoError: Error, Sendable, CustomStringConvertible {
    case toolchainMissing(needed: String, advice: String)
    case toolchainUnusable(language: String, path: String, reason: String)
    case noDemo(slug: String)
    case demoMissing(slug: String, directory: String)
    case noProgram(directory: String, expected: String)
    case compileFailed(directory: String, output: String)
    case timedOut(slug: String, variant: String, seconds: Double)
    case memoryExceeded(slug: String, variant: String, limitMiB: Int)
    case exitedWithoutFigures(slug: String, variant: String, status: String, stderr: String)
    case launchFailed(slug: String, reason: String)
    /// A line of the demo's stdout breaks the figures protocol; `line` counts from 1.
    case badFigureLine(slug: String, variant: String, line: Int, text: String, problem: String)
    /// The article's `language:` is none of `DemoLanguages.supported`.
    case languageUnsupported(slug: String, language: String, supported: [String])
    /// The toolchain given builds another language than the demo is written in.
    case toolchainMismatch(slug: String, language: String, toolchain: String, builds: String)

    package var description: String {
        switch self {
        case .toolchainMissing(let needed, let advice):
            "no \(needed) found; \(advice)"
        case .toolchainUnusable(let language, let path, let reason):
            "\(language) toolchain at \(path) is not usable: \(reason); pass --go PATH to another one"
        case .noDemo(let slug):
            "pattern '\(slug)' has no demo"
        case .demoMissing(let slug, let directory):
            "demo for '\(slug)' is missing: \(directory)/ does not exist"
        case .noProgram(let directory, let expected):
            "\(directory)/ has no \(expected)"
        case .compileFailed(let directory, let output):
            "demo \(directory) does not compile:\n\(output)"
        case .timedOut(let slug, let variant, let seconds):
            "demo '\(slug)' (\(variant)) did not finish within \(Int(seconds)) s; "
                + "it was stopped with its child processes (a larger --timeout gives it longer)"
        case .memoryExceeded(let slug, let variant, let limit):
            "demo '\(slug)' (\(variant)) used more than \(limit) MiB of memory; it was stopped"
        case .exitedWithoutFigures(let slug, let variant, let status, let stderr):
            "demo '\(slug)' (\(variant)) \(status) without printing its figures"
                + (stderr.isEmpty ? "" : ":\n\(stderr)")
        case .launchFailed(let slug, let reason):
            "demo '\(slug)' could not be started: \(reason)"
        case .badFigureLine(let slug, let variant, let line, let text, let problem):
            "demo '\(slug)' (\(variant)), stdout line \(line): \(problem); nothing was recorded: \(text.clipped(to: 120))"
        case .languageUnsupported(let slug, let language, let supported):
            "demo of '\(slug)' is written in '\(language)', which leakkb cannot run; it runs demos in: "
                + supported.joined(separator: ", ")
        case .toolchainMismatch(let slug, let language, let toolchain, let builds):
            "demo of '\(slug)' is written in '\(language)', but the toolchain given (\(toolchain)) builds '\(builds)' demos"
        }
    }
}

extension DemoError: Failure {
    package var exitCode: Int32 { ExitStatus.failure }
    /// The request was understood but this demo cannot give figures.
    package var httpStatus: Int { 422 }
}
