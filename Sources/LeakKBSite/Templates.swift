import Foundation
import LeakKBModel
import Mustache

/// The Mustache templates and static assets in the library's resources:
/// one set, shared by the exported site and the server.
package struct Templates: Sendable {
    package let library: MustacheLibrary
    package let stylesheet: String
    package let script: String
    /// The search box, results and list filters' styles (`search.css`).
    package let searchStylesheet: String
    /// The list filters (`filters.js`).
    package let filterScript: String
    /// The served paste page's form (`diagnose.js`).
    package let diagnoseScript: String
    /// Changes with any template, the stylesheet or the script: part of every page's key.
    package let fingerprint: UInt64

    package init() throws {
        MustacheContentTypes.register(EscapedHTML(), named: EscapedHTML.name)
        guard let resources = Bundle.module.url(forResource: "Resources", withExtension: nil) else {
            throw SiteError.missingResources
        }
        var library = MustacheLibrary()
        var hash = ContentHash()
        let directory = resources.appendingPathComponent("templates")
        for name in try FileManager.default.contentsOfDirectory(atPath: directory.path).sorted()
        where name.hasSuffix(".mustache") {
            let text = try String(contentsOf: directory.appendingPathComponent(name), encoding: .utf8)
            try library.register(text, named: String(name.dropLast(".mustache".count)))
            hash.add(name)
            hash.add(text)
        }
        self.library = library
        stylesheet = try String(contentsOf: resources.appendingPathComponent("site.css"), encoding: .utf8)
        script = try String(contentsOf: resources.appendingPathComponent("search.js"), encoding: .utf8)
        searchStylesheet = try String(contentsOf: resources.appendingPathComponent("search.css"), encoding: .utf8)
        filterScript = try String(contentsOf: resources.appendingPathComponent("filters.js"), encoding: .utf8)
        diagnoseScript = try String(contentsOf: resources.appendingPathComponent("diagnose.js"), encoding: .utf8)
        for text in [stylesheet, script, searchStylesheet, filterScript, diagnoseScript] { hash.add(text) }
        fingerprint = hash.value
    }

    package func render(_ template: String, _ context: [String: Any]) -> String {
        library.render(context, withTemplate: template) ?? ""
    }

    /// Renders `template` from values a type looks up by name itself.
    package func render(_ template: String, _ context: some MustacheParent) -> String {
        library.render(context, withTemplate: template) ?? ""
    }
}

/// HTML escaping for `{{value}}`, the same characters as Mustache's own but
/// on bytes with a no-copy fast path (Mustache's walks Characters through a
/// dictionary, which was a tenth of an export). Templates opt in with the
/// pragma `{{% CONTENT_TYPE: LEAKKB_HTML}}` on their first line.
package struct EscapedHTML: MustacheContentType {
    package static let name = "LEAKKB_HTML"
    package func escapeText(_ text: String) -> String { text.htmlEscaped }
}
