import Mustache

/// A claim (or observation) and its verdict on each run, as the
/// `claim-list` template and the observations list show it.
package struct VerdictRow: MustacheParent {
    /// One run's verdict: a mark, and what was measured, shown as text.
    package struct Verdict: MustacheParent {
        /// Nil when nothing was run at all.
        package let toolchain: String?
        package let mark, css, detail: String

        package func child(named name: String) -> Any? {
            switch name {
            case "toolchain": toolchain
            case "mark": mark
            case "css": css
            case "detail": detail
            default: nil
            }
        }
    }

    package let text: String
    package let verdicts: [Verdict]

    /// `fail` when a run failed it, for the row's style.
    package var css: String { verdicts.contains { $0.css == "fail" } ? "fail" : "" }

    package func child(named name: String) -> Any? {
        switch name {
        case "text": text
        case "verdicts": verdicts
        case "css": css
        default: nil
        }
    }
}
