import Foundation
import Testing
@testable import LeakKB
@testable import LeakKBCatalog
@testable import LeakKBDemos
@testable import LeakKBIndex
@testable import LeakKBModel
@testable import LeakKBServer
@testable import LeakKBSite
@testable import LeakKBSystem

/// What `export` does with the directory it writes to: files the user put
/// there stay, a symbolic link is followed, a target that cannot be replaced
/// is one sentence, and no failure leaves a temporary directory behind.
@Suite(.serialized) struct ExportTargetTests {
    let kb: TemporaryKnowledgeBase
    let index: Index
    let out: String
    let fm = FileManager.default

    init() throws {
        kb = try TemporaryKnowledgeBase(articles: ["one": TemporaryKnowledgeBase.article(title: "One pattern")])
        index = try kb.index()
        try index.refresh()
        out = kb.root + "/site"
    }

    func export(to target: String? = nil, full: Bool = false) throws -> SiteExporter.Summary {
        try SiteExporter(pages: SitePages(index: index, templates: Templates())).export(to: target ?? out, full: full)
    }

    func read(_ path: String) throws -> String { try String(contentsOfFile: path, encoding: .utf8) }

    /// Temporary directories of exports beside the site.
    var leftovers: [String] {
        get throws {
            try fm.contentsOfDirectory(atPath: kb.root).filter {
                $0.contains(".leakkb-tmp-") || $0.contains(".leakkb-old-")
            }
        }
    }

    @Test func keepsFilesItDidNotWrite() throws {
        _ = try export()
        try kb.write("site/CNAME", "leaks.example.org\n")
        try kb.write("site/.well-known/security.txt", "Contact: mailto:a@example.org\n")
        try kb.write("site/patterns/notes.html", "mine")
        try fm.createSymbolicLink(atPath: out + "/latest", withDestinationPath: "index.html")
        let kept = [".well-known/security.txt", "CNAME", "latest", "patterns/notes.html"]
        for full in [false, true] {
            let summary = try export(full: full)
            #expect(summary.kept == kept)
            #expect(try read(out + "/CNAME") == "leaks.example.org\n")
            #expect(try read(out + "/.well-known/security.txt").hasPrefix("Contact:"))
            #expect(try read(out + "/patterns/notes.html") == "mine")
            #expect(try fm.destinationOfSymbolicLink(atPath: out + "/latest") == "index.html")
            #expect(fm.fileExists(atPath: out + "/patterns/one.html"))
        }
        // The manifest lists only what leakkb wrote, so the kept files stay the user's.
        #expect(!(try read(out + "/" + SiteExporter.marker)).contains("CNAME"))
        let result = try CommandLineTests().leakkb(["export", "--root", kb.root, "--out", out])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(
            result.stderr.contains(
                "kept 4 files leakkb did not write: .well-known/security.txt, CNAME, latest, patterns/notes.html"))
    }

    @Test func followsASymbolicLinkOut() throws {
        let target = kb.root + "/real-site"
        try fm.createDirectory(atPath: target, withIntermediateDirectories: true)
        try fm.createSymbolicLink(atPath: out, withDestinationPath: target)
        for _ in 0..<2 {
            let summary = try export()
            #expect(summary.directory == target)
            #expect(try fm.destinationOfSymbolicLink(atPath: out) == target)
            #expect(fm.fileExists(atPath: target + "/index.html"))
        }
        #expect(try leftovers.isEmpty)

        let dangling = kb.root + "/dangling"
        try fm.createSymbolicLink(atPath: dangling, withDestinationPath: kb.root + "/nowhere")
        #expect {
            _ = try export(to: dangling)
        } throws: { error in
            (error as? SiteError)?.description
                == "\(dangling) is a symbolic link to \(kb.root)/nowhere, which does not exist; "
                + "create that directory or choose another --out"
        }
        #expect(!fm.fileExists(atPath: kb.root + "/nowhere"))
    }

    /// Renaming the old site aside fails at the very end, after every page
    /// was written: one sentence, the old site intact, nothing left behind.
    @Test func aTargetThatCannotBeMovedIsOneSentence() throws {
        _ = try export()
        let before = try read(out + "/index.html")
        try kb.write("Content/go/two.md", TemporaryKnowledgeBase.article(title: "Two pattern"))
        try index.refresh()
        // root ignores permissions, so it gets the immutable attribute instead.
        let root = geteuid() == 0
        let (locked, tool) = root ? (out, "/usr/bin/chattr") : (kb.root, "/bin/chmod")
        #expect(try Shell.run(tool, [root ? "+i" : "555", locked]).status == 0)
        defer { _ = try? Shell.run(tool, [root ? "-i" : "755", locked]) }
        var message = ""
        #expect(throws: SiteError.self) {
            do { _ = try export() } catch { message = "\(error)"; throw error }
        }
        #expect(
            message.hasPrefix(
                root
                    ? "cannot move \(out) aside to put the new site in its place (Operation not permitted)"
                    : "cannot write \(out) (Permission denied)"), "\(message)")
        #expect(!message.contains("NSCocoaErrorDomain") && !message.contains("\n"))
        #expect(try read(out + "/index.html") == before)
        #expect(!fm.fileExists(atPath: out + "/patterns/two.html"))
        #expect(try leftovers.isEmpty)
        let result = try CommandLineTests().leakkb(["export", "--root", kb.root, "--out", out])
        #expect(result.status != 0)
        #expect(result.stderr.split(separator: "\n").count == 1, "\(result.stderr)")
        #expect(!result.stderr.contains("NSCocoaErrorDomain"))
    }

    /// An export killed half-way (a signal, a crash) leaves its staging
    /// directory; the next export removes those whose process is gone.
    @Test func removesWhatKilledExportsLeftBehind() throws {
        _ = try export()
        let dead = Int32.max  // above any pid_max
        for name in [".site.leakkb-tmp-\(dead)", ".site.leakkb-old-\(dead)", ".site.leakkb-tmp-1"] {
            try kb.write(name + "/index.html", "half-written")
        }
        _ = try export()
        // pid 1 is alive: its export may still be running.
        #expect(try leftovers == [".site.leakkb-tmp-1"])
        #expect(try read(out + "/index.html") != "half-written")
    }
}
