/// A profile's string table: every name in a profile is an index into it.
struct StringTable {
    private let strings: [String]
    private let name: String

    init(_ strings: [String], name: String) {
        self.strings = strings
        self.name = name
    }

    /// The format reserves entry 0 for "", which also marks an unset field.
    func checkFirstEntry() throws(ProfileError) {
        guard let first = strings.first else { return }
        guard first.isEmpty else {
            throw .notAProfile(name: name, reason: "its string table does not start with an empty string")
        }
    }

    /// The string at `index`, which `what` refers to; "" for index 0, even in an empty table.
    subscript(index: Int64, what: String) -> String {
        get throws(ProfileError) {
            if index == 0 { return strings.first ?? "" }
            guard index > 0, index < strings.count else {
                throw .notAProfile(
                    name: name,
                    reason: "\(what) refers to string \(index), but the string table has \(strings.count) entries")
            }
            return strings[Int(index)]
        }
    }
}
