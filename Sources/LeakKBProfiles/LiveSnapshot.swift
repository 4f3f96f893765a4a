/// What a live service's pprof endpoint showed at one moment.
package struct LiveSnapshot: Sendable {
    /// `goroutine?debug=2`: every goroutine's stack as text, for the dump parser.
    package let goroutineDump: [UInt8]
    /// `goroutine`: the goroutine profile, counted per stack.
    package let goroutines: Profile
    /// `heap?gc=1`: live memory by allocation site, just after a garbage collection.
    package let heap: Profile

    package init(goroutineDump: [UInt8], goroutines: Profile, heap: Profile) {
        self.goroutineDump = goroutineDump
        self.goroutines = goroutines
        self.heap = heap
    }
}
