extension Duration {
    /// The duration as a number of seconds, for figures and messages.
    package var seconds: Double { Double(components.seconds) + Double(components.attoseconds) / 1e18 }
}
