@testable import LeakKBModel

extension [Claim] {
    /// Claims as an article writes them, parsed as the catalogue does: a
    /// claim a test mistypes fails that test instead of disappearing.
    init(parsing texts: [String]) throws {
        self = try texts.map { text throws in try Claim(text) }
    }
}
