/// A language leakkb can build and run demos in: it finds and versions its
/// toolchain, compiles a demo and says how to start the result. Everything
/// else — the cache, containment, the figures protocol — is the same for
/// every language, so adding one is a folder under `Demos/` plus one type
/// conforming to this, listed in `DemoLanguages.supported`.
package protocol DemoLanguage: Sendable {
    /// The articles' `language:` value, and the folder under `Demos/` (and `Content/`) it owns.
    var name: String { get }

    /// The toolchain at `explicit`, else the language's own default (its environment variable,
    /// `.tools/` under `root`, then `PATH`), or an error that prints the command installing one.
    func toolchain(explicit: String?, root: String, environment: [String: String]) async throws(DemoError) -> Toolchain

    /// Every toolchain scripts/bootstrap installed for the language, newest first.
    func bootstrappedToolchains(root: String) async throws(DemoError) -> [Toolchain]

    /// Every file the program of `Demos/<name>/<demo>/` is built from, in a stable order:
    /// the demo's cache key. Throws when the folder holds no program.
    func sources(of demo: String, root: String) throws(DemoError) -> [String]

    /// Compiles `Demos/<name>/<demo>/` into the executable file `output`, or throws
    /// `compileFailed` with the compiler's messages naming files relative to `root`.
    func compile(_ demo: String, into output: String, root: String, with toolchain: Toolchain) async throws(DemoError)

    /// How to start a built demo under a memory ceiling; the runner appends the protocol's
    /// `-variant leaky|fixed [-scale N]`.
    func command(running binary: String, memoryLimitMiB: Int) -> DemoCommand
}

extension DemoLanguage {
    /// A compiled program starts by itself and needs nothing more.
    package func command(running binary: String, memoryLimitMiB: Int) -> DemoCommand {
        DemoCommand(executable: binary)
    }
}
