import Testing

/// Suites that measure this process's memory, or move it by hundreds of
/// megabytes: serialized, so a measurement sees its own allocations and not
/// a 100,000-level document being parsed beside it.
@Suite(.serialized) enum ProcessMemorySuites {}
