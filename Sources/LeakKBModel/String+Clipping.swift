extension String {
    /// At most `limit` characters, with control characters made visible, for
    /// quoting untrusted text in a one-line message.
    package func clipped(to limit: Int) -> String {
        var result = ""
        for scalar in unicodeScalars.prefix(limit) {
            switch scalar.value {
            case 0x00..<0x20, 0x7F..<0xA0: result += "\\u{\(String(scalar.value, radix: 16))}"
            default: result.unicodeScalars.append(scalar)
            }
        }
        return unicodeScalars.count > limit ? result + "…" : result
    }

    package var clipped: String { clipped(to: 40) }
}
