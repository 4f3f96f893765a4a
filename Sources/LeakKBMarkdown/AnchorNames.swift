/// Turns heading texts into unique, URL-safe anchor names
/// ("Why?" → "why", a second "Fix" → "fix-2").
package struct AnchorNames {
    private var used: [String: Int] = [:]

    package mutating func claim(_ text: String) -> String {
        var name = ""
        var pendingDash = false
        for scalar in text.lowercased().unicodeScalars {
            if scalar.properties.isAlphabetic || ("0"..."9").contains(scalar) {
                if pendingDash && !name.isEmpty { name += "-" }
                name.unicodeScalars.append(scalar)
                pendingDash = false
            } else {
                pendingDash = true
            }
        }
        if name.isEmpty { name = "section" }
        let count = (used[name] ?? 0) + 1
        used[name] = count
        return count == 1 ? name : "\(name)-\(count)"
    }
}
