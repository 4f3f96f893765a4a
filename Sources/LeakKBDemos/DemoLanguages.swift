/// The languages leakkb runs demos in, keyed by the articles' `language:` value.
package struct DemoLanguages: Sendable {
    /// What leakkb ships; a new language is one more entry here.
    package static let supported = DemoLanguages([GoLanguage()])

    private let byName: [String: any DemoLanguage]

    package init(_ languages: [any DemoLanguage]) {
        byName = Dictionary(languages.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
    }

    /// The names, sorted, as messages list them.
    package var names: [String] { byName.keys.sorted() }

    package subscript(name: String) -> (any DemoLanguage)? { byName[name] }

    /// The language of `slug`'s demo, or an error naming the languages leakkb can run.
    package func language(named name: String, for slug: String) throws(DemoError) -> any DemoLanguage {
        guard let language = byName[name] else {
            throw .languageUnsupported(slug: slug, language: name, supported: names)
        }
        return language
    }
}
