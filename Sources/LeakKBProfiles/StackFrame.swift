/// One call on a stack: the function and the place in its source the call
/// was at. Profiles list stacks top first, the frame that waits or allocates
/// before its callers.
package struct StackFrame: Hashable, Sendable, CustomStringConvertible {
    /// The function as Go names it: `main.worker`, `net/http.(*persistConn).readLoop`.
    package let function: String
    /// The source file; empty when the profile does not say.
    package let file: String
    /// The line in `file`; 0 when the profile does not say.
    package let line: Int

    package init(function: String, file: String, line: Int) {
        self.function = function
        self.file = file
        self.line = line
    }

    /// `main.worker main.go:42`, the way a goroutine dump shows a frame.
    package var description: String {
        file.isEmpty ? function : "\(function) \(file):\(line)"
    }
}
