import LeakKBIndex
#if canImport(Glibc)
import Glibc
#endif

/// ANSI styling, on only for a terminal and never with `NO_COLOR`.
package struct TerminalStyle: Sendable {
    package let enabled: Bool

    package init(enabled: Bool) { self.enabled = enabled }

    /// Colour for standard output when it is a terminal and NO_COLOR is unset.
    package static func forStandardOutput(environment: [String: String]) -> TerminalStyle {
        let noColor = environment["NO_COLOR"].map { !$0.isEmpty } ?? false
        return TerminalStyle(enabled: isatty(STDOUT_FILENO) == 1 && !noColor)
    }

    package func bold(_ text: String) -> String { wrap(text, "1") }
    package func dim(_ text: String) -> String { wrap(text, "2") }
    package func italic(_ text: String) -> String { wrap(text, "3") }
    package func underline(_ text: String) -> String { wrap(text, "4") }
    package func cyan(_ text: String) -> String { wrap(text, "36") }
    package func green(_ text: String) -> String { wrap(text, "32") }
    package func red(_ text: String) -> String { wrap(text, "31") }
    package func yellow(_ text: String) -> String { wrap(text, "33") }

    /// Search snippets: matched words bold (or in [brackets] without colour).
    package func snippet(_ snippet: String) -> String {
        enabled
            ? Snippet.render(snippet, open: "\u{1B}[1;33m", close: "\u{1B}[0m")
            : Snippet.render(snippet, open: "[", close: "]")
    }

    private func wrap(_ text: String, _ code: String) -> String {
        enabled ? "\u{1B}[\(code)m\(text)\u{1B}[0m" : text
    }
}
