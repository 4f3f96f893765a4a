/// How long leakkb waits for each answer of a live service, and how much of
/// it it keeps.
package struct LiveLimits: Sendable {
    /// For each request, from connecting to the last byte.
    package var timeout: Duration
    /// The goroutine dump, held in memory: 100,000 goroutines print about 23 MB.
    package var maxDumpBytes: Int
    /// Reads the profiles, with its own limits on their size.
    package var reader: ProfileReader

    package init(
        timeout: Duration = .seconds(30), maxDumpBytes: Int = 256 << 20, reader: ProfileReader = ProfileReader()
    ) {
        self.timeout = timeout
        self.maxDumpBytes = maxDumpBytes
        self.reader = reader
    }
}
