import GRDB

/// A value the index holds that does not read as what its column means (a
/// kind no article can have, a claim that no longer parses): the file was
/// written by something else, or damaged. It is reported, never replaced by
/// a default, and counts as damage, so a writable index is rebuilt.
package struct UnreadableValue: Error, Sendable, CustomStringConvertible {
    package let description: String

    package init(_ description: String) { self.description = description }
}

extension Row {
    /// The enum value whose raw value a TEXT column holds; anything else
    /// throws instead of falling back to some case.
    package func decodeRaw<Value: RawRepresentable<String>>(
        _ type: Value.Type, column: String, what: String
    )
        throws(UnreadableValue) -> Value
    {
        let stored: DatabaseValue = self[column]
        let text = String.fromDatabaseValue(stored)
        guard let value = text.flatMap(Value.init(rawValue:)) else {
            let shown = text.map { "'\($0)'" } ?? stored.description
            throw UnreadableValue("column '\(column)' holds \(shown), which is not a \(what) leakkb knows")
        }
        return value
    }
}
