import LeakKBModel
/// What a person typed into a search box, taken apart into words and
/// filters (`tag:map lang:go kind:leak`). Words are later quoted one by one,
/// so nothing the person types is ever read as FTS5 syntax.
package struct SearchQuery: Sendable, Hashable {
    package var words: [String]
    package var tag: String?
    package var language: String?
    package var kind: Kind?

    package static let maximumLength = 200

    package init(words: [String] = [], tag: String? = nil, language: String? = nil, kind: Kind? = nil) {
        self.words = words
        self.tag = tag
        self.language = language
        self.kind = kind
    }

    /// Parses free text; options given separately (`--tag`) win over the
    /// same filter typed in the text.
    package init(
        parsing text: String, tag: String? = nil, language: String? = nil, kind: String? = nil
    ) throws(SearchError) {
        var words: [String] = []
        var filters: [String: String] = [:]
        // Long input is cut rather than refused: a pasted log line should still search.
        for token in text.prefix(Self.maximumLength * 4).split(whereSeparator: { $0.isWhitespace }) {
            if let colon = token.firstIndex(of: ":"), ["tag", "lang", "kind"].contains(token[..<colon].lowercased()),
                colon < token.index(before: token.endIndex)
            {
                filters[token[..<colon].lowercased()] = String(token[token.index(after: colon)...]).lowercased()
            } else if token.unicodeScalars.contains(where: {
                $0.properties.isAlphabetic || $0.properties.numericType != nil
            }) {
                words.append(String(token))
            }
        }
        let kindName = kind ?? filters["kind"]
        self.init(
            words: words, tag: tag ?? filters["tag"], language: language ?? filters["lang"],
            kind: kindName.flatMap(Kind.init(rawValue:)))
        if words.isEmpty && self.tag == nil && self.language == nil && kindName == nil {
            throw text.trimmingWhitespace.isEmpty
                ? SearchError(
                    "nothing to search for: give a word, e.g. 'leakkb search goroutine', or a filter such as tag:map")
                : SearchError("'\(text.prefix(40))' has no letters or digits to search for")
        }
        if let kindName, self.kind == nil {
            throw SearchError("unknown kind '\(kindName)' (known: \(Kind.names))")
        }
    }

    /// The FTS5 MATCH expression: every word quoted (inner quotes doubled),
    /// all required, the last one as a prefix so results come while typing.
    package var matchExpression: String? {
        guard !words.isEmpty else { return nil }
        return words.enumerated().map { index, word in
            let quoted = "\"" + word.replacing("\"", with: "\"\"") + "\""
            return index == words.count - 1 ? quoted + "*" : quoted
        }.joined(separator: " ")
    }
}

/// A search that cannot run, with a message for a person.
package struct SearchError: Error, Sendable, CustomStringConvertible {
    package let description: String
    package init(_ description: String) { self.description = description }
}
