/// One call on a stack, from a profile or a goroutine dump: the function
/// (without its arguments) and the place in its source the call was at.
/// Stacks are listed top first, the frame that waits or allocates before its
/// callers.
package struct StackFrame: Hashable, Sendable, Codable, CustomStringConvertible {
    /// The function as Go names it: `main.worker`, `net/http.(*persistConn).readLoop`.
    package let function: String
    /// The source file; empty when the evidence does not say.
    package let file: String
    /// The line in `file`; 0 when the evidence does not say.
    package let line: Int
    /// The line of the input (a dump, or a profile's listing) the frame was
    /// read from, for the report's evidence; 0 when it has none.
    package let inputLine: Int

    package init(function: String, file: String, line: Int, inputLine: Int = 0) {
        self.function = function
        self.file = file
        self.line = line
        self.inputLine = inputLine
    }

    /// A frame of a dump, whose place reads `file.go:123` (without the
    /// program-counter offset), or "" when the dump was cut before it.
    package init(function: String, location: String, inputLine: Int) {
        var file = location
        var line = 0
        if let colon = location.lastIndex(of: ":"), let number = Int(location[location.index(after: colon)...]) {
            file = String(location[..<colon])
            line = number
        }
        self.init(function: function, file: file, line: line, inputLine: inputLine)
    }

    /// `file.go:123` as a dump writes it; "" when the file is not known.
    package var location: String {
        file.isEmpty ? "" : line > 0 ? "\(file):\(line)" : file
    }

    /// `main.worker main.go:42`, the way a goroutine dump shows a frame.
    package var description: String {
        file.isEmpty ? function : "\(function) \(location)"
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
        return file.isEmpty || file.contains("/src/")
    }

    /// In a report: the function, where it stands, and the input line it was read from.
    private enum CodingKeys: String, CodingKey { case function, location, line }

    package init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.init(
            function: try container.decode(String.self, forKey: .function),
            location: try container.decode(String.self, forKey: .location),
            inputLine: try container.decode(Int.self, forKey: .line))
    }

    package func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(function, forKey: .function)
        try container.encode(location, forKey: .location)
        try container.encode(inputLine, forKey: .line)
    }
}
