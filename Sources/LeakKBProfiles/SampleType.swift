/// What one of a sample's values measures, in which unit: `goroutine`
/// `count`, `inuse_space` `bytes`.
package struct SampleType: Hashable, Sendable, CustomStringConvertible {
    package let type: String
    package let unit: String

    package init(type: String, unit: String) {
        self.type = type
        self.unit = unit
    }

    package var description: String { "\(type)/\(unit)" }
}
