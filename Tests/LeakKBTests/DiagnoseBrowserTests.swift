import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

/// The served paste page against a real `leakkb serve` on loopback, over a
/// copy of the real catalogue, in headless Chromium: a real dump pasted and
/// submitted comes back as the report naming its pattern, announced, at
/// 390 px in light and dark. And over real sockets, what the in-process
/// tests cannot send: a forged Host, a chunked body past the limit.
@Suite(.serialized) struct DiagnoseBrowserTests {
    static let dump = Repository.fixtures + "/evidence/go1.27.3/goroutine-blocked-send/leaky-goroutine-debug2.txt"

    /// The harness, served from another loopback port, frames the served
    /// page (web security off, so it may script the frame; the page itself
    /// runs as served, with its own origin), pastes, submits and reports what
    /// the frame shows once the report is in.
    func paste(_ text: String, server: ServerTests.Server, dark: Bool) async throws -> [String: Any] {
        let chromium = try #require(
            ["/usr/bin/chromium", "/usr/bin/chromium-browser"].first(where: FileManager.default.isExecutableFile),
            "chromium is not installed: run scripts/bootstrap --test")
        let directory = server.root + "-browser"
        try FileManager.default.createDirectory(atPath: directory + "/profile", withIntermediateDirectories: true)
        let harness = """
            <!DOCTYPE html><html><body>
            <iframe src="http://127.0.0.1:\(server.port)/diagnose" width="390" height="800"></iframe><script>
            var dump = \(Browser.json(text)), out = {};
            function done() { document.body.setAttribute("data-report", encodeURIComponent(JSON.stringify(out))); }
            window.addEventListener("load", function () {
              try {
                var frame = document.querySelector("iframe"), doc = frame.contentDocument, win = frame.contentWindow;
                out.navLink = !!doc.querySelector('nav a[href="diagnose"]');
                out.labelled = ["evidence-text", "evidence-file", "evidence-format"].every(function (id) {
                  return !!doc.querySelector('label[for="' + id + '"]') && !!doc.getElementById(id);
                });
                out.live = doc.getElementById("diagnose-status").getAttribute("aria-live");
                doc.getElementById("evidence-text").value = dump;
                doc.querySelector("#diagnose-form button[type=submit]").click();
                var tries = 0;
                (function wait() {
                  var section = doc.querySelector("#diagnose-report .diagnosis");
                  out.status = doc.getElementById("diagnose-status").textContent;
                  if (!section && out.status.indexOf("Not diagnosed") !== 0 && tries++ < 200) {
                    setTimeout(wait, 100);
                    return;
                  }
                  out.patterns = section ? Array.prototype.map.call(
                    section.querySelectorAll(".group:first-of-type .match a"),
                    function (a) { return a.getAttribute("href"); }) : [];
                  out.width = doc.documentElement.scrollWidth;
                  out.viewport = win.innerWidth;
                  out.dark = win.matchMedia("(prefers-color-scheme: dark)").matches;
                  out.background = win.getComputedStyle(doc.documentElement).backgroundColor;
                  done();
                })();
              } catch (e) { out.error = String(e); done(); }
            });
            </script></body></html>
            """
        let router = Router()
        router.get("/harness.html") { _, _ in
            Response(
                status: .ok, headers: [.contentType: "text/html; charset=utf-8"],
                body: .init(byteBuffer: ByteBuffer(string: harness)))
        }
        let app = Application(router: router, configuration: .init(address: .hostname("127.0.0.1", port: 0)))
        let output = try await app.test(.live) { client in
            let port = try #require(client.port)
            return try Shell.run(
                chromium,
                [
                    "--headless", "--no-sandbox", "--disable-gpu", "--disable-web-security",
                    "--user-data-dir=\(directory)/profile", "--virtual-time-budget=30000", "--window-size=1200,900",
                    "--dump-dom",
                ] + (dark ? ["--force-dark-mode", "--blink-settings=preferredColorScheme=0"] : [])
                    + ["http://127.0.0.1:\(port)/harness.html"]
            ).output
        }
        let encoded = try #require(
            output.firstMatch(of: #/data-report="([^"]*)"/#).map { String($0.output.1) }, "\(output.suffix(500))")
        let object = try JSONSerialization.jsonObject(with: Data((encoded.removingPercentEncoding ?? "").utf8))
        return object as? [String: Any] ?? [:]
    }

    @Test func aPastedDumpComesBackAsTheReport() async throws {
        let server = try ServerTests.Server()
        defer { server.stop() }
        let text = try String(contentsOfFile: Self.dump, encoding: .utf8)
        for dark in [false, true] {
            let result = try await paste(text, server: server, dark: dark)
            #expect(result["error"] == nil, "\(result)")
            #expect(result["navLink"] as? Bool == true && result["labelled"] as? Bool == true)
            #expect(result["live"] as? String == "polite")
            #expect((result["status"] as? String ?? "").hasPrefix("Report ready below. 1 suspect group found"))
            let patterns = result["patterns"] as? [String] ?? []
            #expect(patterns.contains("/patterns/goroutine-blocked-send.html"), "\(patterns)")
            #expect(result["viewport"] as? Int == 390)
            #expect(result["width"] as? Int ?? 1000 <= 390, "\(result["width"] ?? "?") px wide at 390 px")
            #expect(result["dark"] as? Bool == dark)
        }
        let garbage = try await paste("hello\n", server: server, dark: false)
        let refusal = garbage["status"] as? String ?? ""
        #expect(refusal.hasPrefix("Not diagnosed: body: line 1: expected a goroutine dump"), "\(garbage)")
        #expect(garbage["patterns"] as? [String] == [])
    }

    @Test func theLimitAndTheHostHoldOnARealSocket() throws {
        let server = try ServerTests.Server(arguments: ["--diagnose-mib", "1"])
        defer { server.stop() }
        let big = server.root + "-big.txt"
        try Data(repeating: UInt8(ascii: "x"), count: 3 << 20).write(to: URL(fileURLWithPath: big))
        let url = "http://127.0.0.1:\(server.port)/api/diagnose"
        func post(_ headers: [String], file: String = Self.dump) throws -> String {
            try Shell.run(
                "/usr/bin/curl",
                ["-s", "-o", "/dev/null", "-w", "%{http_code}", "--max-time", "60", "--data-binary", "@" + file]
                    + headers.flatMap { ["-H", $0] } + [url]
            ).output
        }
        let binary = "Content-Type: application/octet-stream"
        #expect(try post([binary]) == "200")
        #expect(try post([binary, "Host: evil.example"]) == "403", "a forged Host (DNS rebinding)")
        #expect(try post([binary], file: big) == "413", "declared too long")
        #expect(try post([binary, "Transfer-Encoding: chunked"], file: big) == "413", "streamed past the limit")
        #expect(try post([binary]) == "200", "the server still answers")
    }
}
