import Mustache

/// The values of a pattern page (the `pattern` template), looked up by
/// name: for Mustache, cheaper than dictionaries made anew for each of
/// thousands of pages. A nil value is a section not shown.
struct PatternPageContext: MustacheParent {
    /// What the article says of itself (the `{{#pattern}}` section).
    struct Facts: MustacheParent {
        let title, summary, kind, language, html: String
        /// Each tag's link, filled in from the `tag-link` template's stencil.
        let tagLinks: String
        let affects, fixedIn: String?

        func child(named name: String) -> Any? {
            switch name {
            case "title": title
            case "summary": summary
            case "kind": kind
            case "language": language
            case "html": html
            case "tagLinks": tagLinks
            case "affects": affects
            case "fixedIn": fixedIn
            default: nil
            }
        }
    }

    /// A link to another pattern.
    struct Link: MustacheParent {
        let slug, title: String

        func child(named name: String) -> Any? {
            switch name {
            case "slug": slug
            case "title": title
            default: nil
            }
        }
    }

    /// The demo's two variants, highlighted.
    struct Code: MustacheParent {
        let path, leaky, fixed: String

        func child(named name: String) -> Any? {
            switch name {
            case "path": path
            case "leaky": leaky
            case "fixed": fixed
            default: nil
            }
        }
    }

    let slug: String
    let facts: Facts
    let status, statusCss: String
    let claims, observations: [VerdictRow]
    let runs: [[String: Any]]
    let related: [Link]
    let sources: [String]
    let code: Code?
    /// The table of contents' entries, filled in from the `toc-entry` template's stencil.
    let contents: String
    let previous, next: Link?

    func child(named name: String) -> Any? {
        switch name {
        case "slug": slug
        case "pattern": facts
        case "status": status
        case "statusCss": statusCss
        case "measured": !runs.isEmpty
        case "claims": claims
        case "observations": observations
        case "hasObservations": !observations.isEmpty
        case "runs": runs
        case "related": related
        case "hasRelated": !related.isEmpty
        case "sources": sources
        case "hasSources": !sources.isEmpty
        case "code": code
        case "contents": contents
        case "previous": previous
        case "next": next
        default: nil
        }
    }
}
