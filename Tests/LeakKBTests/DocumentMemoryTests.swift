import Foundation
import Testing
@testable import LeakKB
@testable import LeakKBCatalog
@testable import LeakKBDemos
@testable import LeakKBIndex
@testable import LeakKBMarkdown
@testable import LeakKBModel
@testable import LeakKBServer
@testable import LeakKBSite
@testable import LeakKBSystem

/// glibc's malloc_trim, which Swift's Glibc module does not export.
@_silgen_name("malloc_trim") private func malloc_trim(_ pad: Int) -> Int32

extension ProcessMemorySuites {
    /// Reads this process's RSS, so it runs among the process-memory suites:
    /// nothing heavy allocates beside it.
    @Suite struct DocumentMemoryTests {
        /// cmark's nodes and rendered strings are C allocations: parsing many
        /// documents must not grow the process.
        @Test func parsingTenThousandDocumentsKeepsMemoryFlat() throws {
            let section = "## Heading\n\nSome *text* with `code` and [a link](x.md).\n\n```go\nfunc f() {}\n```\n\n"
            let text = String(repeating: section, count: 20)
            for _ in 0..<1_000 { _ = Document(markdown: text) }
            let start = try residentKiB()
            for _ in 0..<10_000 { _ = Document(markdown: text) }
            let middle = try residentKiB()
            for _ in 0..<10_000 { _ = Document(markdown: text) }
            let end = try residentKiB()
            // Leaking only the rendered HTML would add ~25 MiB per 10,000
            // documents, the node tree far more. Other suites run in parallel
            // and move RSS too, so the second batch must not grow beyond noise
            // either way.
            #expect(end - middle < 16 * 1024 && middle - start < 16 * 1024, "RSS \(start) → \(middle) → \(end) KiB")
        }

        func residentKiB() throws -> Int {
            _ = malloc_trim(0)  // hand freed arenas back, so RSS shows what is still allocated
            let status = try String(contentsOfFile: "/proc/self/status", encoding: .utf8)
            let line = status.split(separator: "\n").first { $0.hasPrefix("VmRSS:") }!
            return Int(line.split(separator: " ")[1])!
        }
    }
}
