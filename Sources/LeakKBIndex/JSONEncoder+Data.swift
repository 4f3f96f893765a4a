import Foundation

extension JSONEncoder {
    /// The encoder of every JSON leakkb publishes (the API, the site's
    /// `patterns.json`): keys as each type declares them, sorted for stable
    /// output, and a non-finite figure as a string rather than a failure.
    package static func published() -> JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        encoder.nonConformingFloatEncodingStrategy = .convertToString(
            positiveInfinity: "Infinity", negativeInfinity: "-Infinity", nan: "NaN")
        return encoder
    }
}
