import Foundation
import Hummingbird
import Testing
@testable import LeakKB
@testable import LeakKBDemos
@testable import LeakKBDiagnosis
@testable import LeakKBIndex
@testable import LeakKBModel
@testable import LeakKBServer
@testable import LeakKBSite
@testable import LeakKBSystem

/// One error of each type leakkb throws, through both of its mappings: the
/// exit code and stderr line of a command, and the server's answer.
struct ErrorMappingTests {
    struct Case: Sendable, CustomTestStringConvertible {
        let failure: any Failure
        let exitCode: Int32
        let httpStatus: Int
        var testDescription: String { "\(type(of: failure))" }
    }

    static var cases: [Case] {
        var search: SearchError?
        do { _ = try SearchQuery(parsing: "kind:nope") } catch { search = error }
        var file: FileError?
        do { _ = try FileSystem.write("x", to: "/nonexistent-leakkb-dir/x") } catch { file = error }
        let problem = Diagnostic(file: "Content/go/x.md", line: 4, message: "unknown tag 'mapp'")
        return [
            Case(failure: ValidationFailure([problem]), exitCode: 1, httpStatus: 500),
            Case(failure: IndexError.indexing(root: "/kb"), exitCode: 1, httpStatus: 500),
            Case(failure: DemoError.noDemo(slug: "nil-map"), exitCode: 1, httpStatus: 422),
            Case(failure: SiteError.refusingToReplace("/tmp/site"), exitCode: 1, httpStatus: 500),
            Case(
                failure: KnowledgeBaseError.unknownPattern("nil-mpa", suggestion: "nil-map"),
                exitCode: 1, httpStatus: 404),
            Case(failure: search!, exitCode: 2, httpStatus: 400),
            Case(failure: file!, exitCode: 1, httpStatus: 500),
            Case(failure: APIError.badRequest("limit must be from 1 to 100"), exitCode: 1, httpStatus: 400),
            Case(failure: EvidenceError("body", line: 3, "expected a goroutine header"), exitCode: 2, httpStatus: 400),
            Case(failure: EvidenceError("body", "over the limit", isTooLarge: true), exitCode: 2, httpStatus: 413),
        ]
    }

    @Test(arguments: cases)
    func eachTypeHasOneExitCodeAndOneStatus(_ case: Case) {
        #expect(`case`.failure.exitCode == `case`.exitCode)
        #expect(`case`.failure.httpStatus == `case`.httpStatus)
        #expect(!`case`.failure.description.isEmpty)

        let answer = APIError(answering: `case`.failure, path: "/api/patterns/x")
        #expect(answer.status.code == `case`.httpStatus)
        #expect(!answer.status.reasonPhrase.isEmpty, "the status line keeps its reason phrase")
        // A server error's text names paths on the server's machine: the client reads none of it.
        let expected = `case`.httpStatus >= 500 ? "internal error" : `case`.failure.description
        #expect(answer.message == expected)
    }

    /// Errors that are not leakkb's own: Hummingbird's, the demo gate's, and
    /// anything unexpected.
    @Test func otherErrorsAreAnsweredToo() {
        let missing = APIError(answering: HTTPError(.notFound), path: "/nowhere")
        #expect(missing.status == .notFound && missing.message == "no such page or endpoint: /nowhere")

        let busy = APIError(answering: DemoRunGate.Busy(), path: "/api/patterns/x/run")
        #expect(busy.status == .tooManyRequests && busy.headers[.retryAfter] == "5")

        let soon = APIError(answering: DemoRunGate.TooSoon(seconds: 7), path: "/api/patterns/x/run")
        #expect(soon.status == .tooManyRequests && soon.headers[.retryAfter] == "7")
        #expect(soon.message == "a demo ran moments ago; the next may start in 7 s")

        let unexpected = APIError(answering: CancellationError(), path: "/api/tags")
        #expect(unexpected.status == .internalServerError && unexpected.message == "internal error")
    }
}
