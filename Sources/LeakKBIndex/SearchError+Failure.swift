import LeakKBModel

/// A malformed query is the asker's to fix, on the command line as over HTTP.
extension SearchError: Failure {
    package var exitCode: Int32 { ExitStatus.usage }
    package var httpStatus: Int { 400 }
}
