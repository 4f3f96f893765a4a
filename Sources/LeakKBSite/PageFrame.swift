import Synchronization

/// What every page has around its body: the `head` template (up to
/// `<main>`) and the `foot` template. Pages at one depth differ there only
/// in title and description, so each frame is rendered once per root (and
/// served or not, styles inline or not) as stencils and filled per page:
/// rendered per page, its lookups were a fifth of a pattern page's.
package struct PageFrame: Sendable {
    package let head: Stencil
    package let foot: Stencil

    /// The values a frame differs by; the same for every page at one depth.
    package struct Setting: Hashable, Sendable {
        package let root: String
        package let served: Bool
        package let inlineStyles: Bool
    }

    /// The frame of pages with `setting`, from `templates`.
    package init(_ setting: Setting, templates: Templates) {
        func render(_ template: String) -> Stencil {
            Stencil(["title", "description"]) { values in
                var context: [String: Any] = values
                context["root"] = setting.root
                context["searchAction"] = setting.served ? "search" : "search.html"
                context["served"] = setting.served
                if setting.inlineStyles {
                    context["inlineStyles"] = templates.stylesheet + "\n" + templates.searchStylesheet
                }
                return templates.render(template, context)
            }
        }
        head = render("head")
        foot = render("foot")
    }

    /// The frame around `body`.
    package func page(_ body: String, title: String, description: String) -> String {
        head.fill([title, description]) + body + foot.fill([title, description])
    }

    /// Each setting's frame, made when a page first needs it.
    package final class Cache: Sendable {
        private let frames = Mutex<[Setting: PageFrame]>([:])

        package init() {}

        package func frame(_ setting: Setting, templates: Templates) -> PageFrame {
            if let frame = frames.withLock({ $0[setting] }) { return frame }
            let frame = PageFrame(setting, templates: templates)
            return frames.withLock { frames in
                if let made = frames[setting] { return made }
                frames[setting] = frame
                return frame
            }
        }
    }
}
