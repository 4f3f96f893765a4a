import LeakKBIndex
#if canImport(Glibc)
import Glibc
#endif

/// ANSI styling, on only for a terminal and never with `NO_COLOR`.
public struct TerminalStyle: Sendable {
    public let enabled: Bool

    public init(enabled: Bool) { self.enabled = enabled }

    /// Colour for standard output when it is a terminal and NO_COLOR is unset.
    public static func forStandardOutput(environment: [String: String]) -> TerminalStyle {
        let noColor = environment["NO_COLOR"].map { !$0.isEmpty } ?? false
        return TerminalStyle(enabled: isatty(STDOUT_FILENO) == 1 && !noColor)
    }

    public func bold(_ text: String) -> String { wrap(text, "1") }
    public func dim(_ text: String) -> String { wrap(text, "2") }
    public func italic(_ text: String) -> String { wrap(text, "3") }
    public func underline(_ text: String) -> String { wrap(text, "4") }
    public func cyan(_ text: String) -> String { wrap(text, "36") }
    public func green(_ text: String) -> String { wrap(text, "32") }
    public func red(_ text: String) -> String { wrap(text, "31") }
    public func yellow(_ text: String) -> String { wrap(text, "33") }

    /// Search snippets: matched words bold (or in [brackets] without colour).
    public func snippet(_ snippet: String) -> String {
        enabled
            ? Snippet.render(snippet, open: "\u{1B}[1;33m", close: "\u{1B}[0m")
            : Snippet.render(snippet, open: "[", close: "]")
    }

    private func wrap(_ text: String, _ code: String) -> String {
        enabled ? "\u{1B}[\(code)m\(text)\u{1B}[0m" : text
    }
}
