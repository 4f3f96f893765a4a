import Foundation

/// A pprof profile as the rest of leakkb reads it: every reference of the
/// protocol buffer resolved, so each sample carries its own stack of
/// function names with file and line, its values and its labels.
///
/// Read one with `ProfileReader`; a `Profile` that exists has been checked
/// (every value of every sample has its sample type, every reference
/// resolves).
package struct Profile: Hashable, Sendable {
    package let kind: ProfileKind
    /// What each of a sample's values measures, in order.
    package let sampleTypes: [SampleType]
    package let samples: [ProfileSample]
    /// What one sampling period counts (`space`/`bytes` for the heap), if the profile says.
    package let periodType: SampleType?
    package let period: Int64
    /// When the profile was taken, if it says.
    package let time: Date?
    package let durationNanoseconds: Int64
    /// The sample type a viewer shows unless told otherwise, if the profile names one.
    package let defaultSampleType: String?
    package let comments: [String]

    package init(
        sampleTypes: [SampleType], samples: [ProfileSample], periodType: SampleType? = nil, period: Int64 = 0,
        time: Date? = nil, durationNanoseconds: Int64 = 0, defaultSampleType: String? = nil, comments: [String] = []
    ) {
        self.kind = ProfileKind.of(sampleTypes, defaultType: defaultSampleType)
        self.sampleTypes = sampleTypes
        self.samples = samples
        self.periodType = periodType
        self.period = period
        self.time = time
        self.durationNanoseconds = durationNanoseconds
        self.defaultSampleType = defaultSampleType
        self.comments = comments
    }

    /// The index of the value that says most about a leak: the goroutine
    /// count, the heap's live bytes, the allocated bytes of allocs; else the
    /// default sample type, else the last one (pprof's own rule).
    package var primaryValueIndex: Int {
        let wanted: String? =
            switch kind {
            case .heap: HeapValues.inuseSpace.rawValue
            case .allocs: HeapValues.allocSpace.rawValue
            case .goroutine, .goroutineLeak, .other: defaultSampleType
            }
        if let wanted, let index = sampleTypes.firstIndex(where: { $0.type == wanted }) { return index }
        return max(sampleTypes.count - 1, 0)
    }

    /// The index of the sample type named `type`, if the profile has one.
    package func valueIndex(of type: String) -> Int? {
        sampleTypes.firstIndex { $0.type == type }
    }
}
