import LeakKBCatalog
import LeakKBIndex
/// `window.LEAKKB_INDEX=[…]`: what the static site's search.js reads, one
/// entry per pattern with one-letter keys: aliases (`a`) and symptoms (`y`),
/// one per line, tags (`g`), kind, language (`l`), summary (`m`), a myth's
/// related slugs (`r`), slug, title, and the first `BodyWords.limit` distinct
/// uncommon words of the body (`w`; the short fields go in whole). Then
/// `window.LEAKKB_EQUIVALENCES=[[…],…]`, the groups of `Content/equivalences.yml`.
/// With them search.js ranks as `Index.search` does (`SearchRanking`).
/// Built on bytes: it is made anew on every export that changes an article.
extension SitePages {
    package func searchData() throws -> String {
        let (equivalences, mythRelated) = try index.rankingData()
        var json: [UInt8] = Array("window.LEAKKB_INDEX=[".utf8)
        try index.forEachListing { pattern, words in
            json.append(contentsOf: json.last == UInt8(ascii: "[") ? "{".utf8 : ",{".utf8)
            var fields = [
                ("a", pattern.aliases.map(Self.oneLine).joined(separator: "\n")),
                ("g", pattern.tags.joined(separator: " ")), ("k", pattern.kind.rawValue), ("l", pattern.language),
                ("m", InlineMarkdown(pattern.summary).text), ("s", pattern.slug), ("t", pattern.title),
                ("y", pattern.symptoms.map(Self.oneLine).joined(separator: "\n")),
            ]
            if let related = mythRelated[pattern.slug] { fields.append(("r", related.joined(separator: " "))) }
            for (key, value) in fields {
                json.append(contentsOf: "\"\(key)\":\"".utf8)
                Self.appendEscaped(value, to: &json)
                json.append(contentsOf: "\",".utf8)
            }
            json.append(contentsOf: "\"w\":\"".utf8)
            json.append(contentsOf: words.utf8)
            json.append(contentsOf: "\"}".utf8)
        }
        json.append(contentsOf: "];\nwindow.LEAKKB_EQUIVALENCES=[".utf8)
        for (number, group) in equivalences.enumerated() {
            json.append(contentsOf: (number == 0 ? "[" : ",[").utf8)
            for (position, term) in group.enumerated() {
                json.append(contentsOf: (position == 0 ? "\"" : ",\"").utf8)
                Self.appendEscaped(term, to: &json)
                json.append(UInt8(ascii: "\""))
            }
            json.append(UInt8(ascii: "]"))
        }
        json.append(contentsOf: "];\n".utf8)
        return String(decoding: json, as: UTF8.self)
    }

    /// A name on one line: the lists are joined by line breaks.
    private static func oneLine(_ text: String) -> String {
        text.replacing("\n", with: " ")
    }

    /// `text` as the inside of a JSON string. `</` becomes `<\/`, so that no
    /// value can end a script element.
    package static func appendEscaped(_ text: String, to output: inout [UInt8]) {
        var previous: UInt8 = 0
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "\""), UInt8(ascii: "\\"): output += [UInt8(ascii: "\\"), byte]
            case UInt8(ascii: "\n"): output += [UInt8(ascii: "\\"), UInt8(ascii: "n")]
            case UInt8(ascii: "\t"): output += [UInt8(ascii: "\\"), UInt8(ascii: "t")]
            case ..<0x20: output += Array("\\u00".utf8) + [hexDigits[Int(byte >> 4)], hexDigits[Int(byte & 0xf)]]
            case UInt8(ascii: "/") where previous == UInt8(ascii: "<"): output += [UInt8(ascii: "\\"), byte]
            default: output.append(byte)
            }
            previous = byte
        }
    }

    private static let hexDigits = Array("0123456789abcdef".utf8)
}
