/// One function on a goroutine's stack, without its arguments, and where it
/// stands (`file.go:123`, without the program-counter offset).
package struct Frame: Sendable, Hashable, Codable {
    package let function: String
    package let location: String
    /// The input line the function was read from.
    package let line: Int

    package init(function: String, location: String, line: Int) {
        self.function = function
        self.location = location
        self.line = line
    }

    /// The import path of the function's package: `net/http` for
    /// `net/http.(*persistConn).readLoop`, `main` for `main.main`.
    package var package: String {
        let lastSlash = function.lastIndex(of: "/").map { function.index(after: $0) } ?? function.startIndex
        let dot = function[lastSlash...].firstIndex(of: ".") ?? function.endIndex
        return String(function[..<dot])
    }

    /// Whether the function belongs to Go's runtime or standard library
    /// rather than to the program: its import path's first element has no
    /// dot and is not `main`, and its file, when known, lies under a `src/`
    /// directory (GOROOT's; `sync` functions may stand in `src/runtime/`).
    /// A module path without a dot is the program's unless its files lie
    /// under some `src/`, as in an old GOPATH.
    package var isStandardLibrary: Bool {
        let path = package
        if path == "main" || path.split(separator: "/").first?.contains(".") == true { return false }
        return location.isEmpty || location.contains("/src/")
    }
}
