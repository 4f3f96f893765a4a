/// SQLite `file:` URIs (Debian's SQLite is built with URI file names on).
package enum SQLiteURI {
    /// Opens `path` without locks or lock files, as a file nobody changes:
    /// the way to read an index in a directory this process cannot write.
    package static func immutable(_ path: String) -> String {
        var escaped = ""
        for character in path.unicodeScalars {
            switch character {
            case "%": escaped += "%25"
            case "?": escaped += "%3f"
            case "#": escaped += "%23"
            default: escaped.unicodeScalars.append(character)
            }
        }
        return "file:" + escaped + "?immutable=1"
    }
}
