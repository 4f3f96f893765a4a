import Foundation

/// The profiles `Fixtures/profiles/profile-writer` writes with one Go
/// toolchain: a known state (7 blocked senders, 5 labelled receivers,
/// 64 retained 64 KiB buffers) as the real runtime/pprof describes it.
struct RealProfiles {
    static let senders: Int64 = 7
    static let receivers: Int64 = 5
    static let retainedBytes: Int64 = 64 * 64 << 10

    let directory: ScratchDirectory

    init(toolchain: String) throws {
        directory = try ScratchDirectory()
        let writer = try GoFixture("profiles/profile-writer", toolchain: toolchain, into: directory.path)
        try writer.run(["-out", directory.path])
    }

    func path(_ name: String) -> String { directory.path + "/" + name }

    func has(_ name: String) -> Bool { FileManager.default.fileExists(atPath: path(name)) }
}
