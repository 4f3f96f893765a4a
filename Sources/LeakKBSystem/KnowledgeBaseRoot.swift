#if canImport(Glibc)
import Glibc
#endif

/// Finds the knowledge base a command works on: `--root`, `LEAKKB_ROOT`, the
/// nearest parent of the working directory holding `Content/` and `Demos/`,
/// else the checkout leakkb was built from — so it works from anywhere.
package enum KnowledgeBaseRoot {
    package static func resolve(explicit: String?, environment: [String: String], workingDirectory: String) -> String {
        if let explicit, !explicit.isEmpty { return absolute(explicit, from: workingDirectory) }
        if let fromEnvironment = environment["LEAKKB_ROOT"], !fromEnvironment.isEmpty {
            return absolute(fromEnvironment, from: workingDirectory)
        }
        var directory = workingDirectory
        while true {
            if isKnowledgeBase(directory) { return directory }
            guard let slash = directory.lastIndex(of: "/"), directory != "/" else { break }
            directory = slash == directory.startIndex ? "/" : String(directory[..<slash])
        }
        return buildCheckout
    }

    package static func isKnowledgeBase(_ directory: String) -> Bool {
        FileSystem.isDirectory(directory + "/Content") && FileSystem.isDirectory(directory + "/Demos")
    }

    /// The package this binary was compiled from (`<checkout>/Sources/LeakKBSystem/` holds this file).
    package static var buildCheckout: String {
        var path = #filePath
        for _ in 0..<3 { path = String(path[..<(path.lastIndex(of: "/") ?? path.startIndex)]) }
        return path
    }

    package static func absolute(_ path: String, from directory: String) -> String {
        let joined = path.hasPrefix("/") ? path : directory + "/" + path
        var parts: [Substring] = []
        for part in joined.split(separator: "/") {
            switch part {
            case ".": continue
            case "..": if !parts.isEmpty { parts.removeLast() }
            default: parts.append(part)
            }
        }
        return "/" + parts.joined(separator: "/")
    }

    package static var workingDirectory: String {
        var buffer = [UInt8](repeating: 0, count: Int(PATH_MAX) + 1)
        guard getcwd(&buffer, buffer.count) != nil else { return "." }
        return String(decoding: buffer.prefix { $0 != 0 }, as: UTF8.self)
    }
}
