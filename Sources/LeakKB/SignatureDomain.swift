import LeakKBModel

/// What kind of evidence a file is, for the signatures it can show. A
/// goroutine dump prints each wait state; a goroutine profile (pprof or
/// `debug=1`) records none (diagnose infers a coarse one from the parking
/// function: `chan send` whether the channel is nil or not), so a
/// signature speaks for it only through frames; a heap profile shows
/// allocation sites.
package enum SignatureDomain: String, Sendable, Hashable, Codable {
    case goroutineDump, goroutineProfile, heap

    /// Whether evidence of this kind can show `signature`.
    package func reads(_ signature: Signature) -> Bool {
        switch self {
        case .goroutineDump: !signature.states.isEmpty || !signature.frames.isEmpty
        case .goroutineProfile: !signature.frames.isEmpty
        case .heap: !signature.heap.isEmpty
        }
    }

    /// Whether any of `signatures` that apply to `toolchain` can be shown by this kind of evidence.
    package func signs(_ signatures: [Signature], on toolchain: GoVersion?) -> Bool {
        signatures.contains { reads($0) && $0.applies(to: toolchain) }
    }
}
