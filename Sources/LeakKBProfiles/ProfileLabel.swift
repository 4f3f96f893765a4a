/// A label on a sample: a goroutine's `pprof.Labels` in a goroutine profile,
/// the object size (`bytes`) in a heap profile.
package struct ProfileLabel: Hashable, Sendable, CustomStringConvertible {
    package enum Value: Hashable, Sendable {
        case text(String)
        /// A number and its unit, which may be empty.
        case number(Int64, unit: String)
    }

    package let key: String
    package let value: Value

    package init(key: String, value: Value) {
        self.key = key
        self.value = value
    }

    package var description: String {
        switch value {
        case .text(let text): "\(key)=\(text)"
        case .number(let number, let unit): unit.isEmpty ? "\(key)=\(number)" : "\(key)=\(number) \(unit)"
        }
    }
}
