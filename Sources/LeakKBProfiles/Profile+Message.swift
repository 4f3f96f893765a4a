import Foundation

extension Profile {
    /// The profile a decoded message describes, with every id and string
    /// index resolved; a reference that does not resolve, or values that do
    /// not match the sample types, make it no profile at all.
    init(message: Perftools_Profiles_Profile, name: String) throws(ProfileError) {
        let strings = StringTable(message.stringTable, name: name)
        try strings.checkFirstEntry()
        let sampleTypes = try message.sampleType.map { (type) throws(ProfileError) in
            SampleType(type: try strings[type.type, "a sample type"], unit: try strings[type.unit, "a sample type"])
        }
        guard !sampleTypes.isEmpty else {
            throw .notAProfile(name: name, reason: "it names no sample types (is it another kind of protocol buffer?)")
        }
        var functions: [UInt64: (name: String, file: String)] = [:]
        for function in message.function {
            guard functions[function.id] == nil else {
                throw .notAProfile(name: name, reason: "function \(function.id) is defined twice")
            }
            let what = "function \(function.id)"
            functions[function.id] = (try strings[function.name, what], try strings[function.filename, what])
        }
        var locations: [UInt64: [StackFrame]] = [:]
        for location in message.location {
            guard locations[location.id] == nil else {
                throw .notAProfile(name: name, reason: "location \(location.id) is defined twice")
            }
            locations[location.id] = try Self.frames(of: location, functions: functions, name: name)
        }
        var samples: [ProfileSample] = []
        samples.reserveCapacity(message.sample.count)
        for (index, sample) in message.sample.enumerated() {
            guard sample.value.count == sampleTypes.count else {
                throw .notAProfile(
                    name: name,
                    reason: "sample \(index + 1) has \(sample.value.count) values for \(sampleTypes.count) sample types"
                )
            }
            var stack: [StackFrame] = []
            stack.reserveCapacity(sample.locationID.count)
            for id in sample.locationID {
                guard let frames = locations[id] else {
                    throw .notAProfile(
                        name: name, reason: "sample \(index + 1) refers to location \(id), which is not defined")
                }
                stack.append(contentsOf: frames)
            }
            let labels = try sample.label.map { (label) throws(ProfileError) in
                try ProfileLabel(label, strings: strings, sample: index + 1)
            }
            samples.append(ProfileSample(stack: stack, values: sample.value, labels: labels))
        }
        let periodType =
            message.hasPeriodType
            ? SampleType(
                type: try strings[message.periodType.type, "the period type"],
                unit: try strings[message.periodType.unit, "the period type"]) : nil
        let defaultType = try strings[message.defaultSampleType, "the default sample type"]
        self.init(
            sampleTypes: sampleTypes, samples: samples, periodType: periodType, period: message.period,
            time: message.timeNanos == 0 ? nil : Date(timeIntervalSince1970: Double(message.timeNanos) / 1e9),
            durationNanoseconds: message.durationNanos, defaultSampleType: defaultType.isEmpty ? nil : defaultType,
            comments: try message.comment.map { (index) throws(ProfileError) in try strings[index, "a comment"] })
    }

    /// The frames of one location, inlined calls first and the function
    /// they were inlined into last, as the format orders them.
    private static func frames(
        of location: Perftools_Profiles_Location, functions: [UInt64: (name: String, file: String)], name: String
    ) throws(ProfileError) -> [StackFrame] {
        // An unsymbolized location still has its address: better than dropping the frame.
        guard !location.line.isEmpty else {
            return [StackFrame(function: "0x" + String(location.address, radix: 16), file: "", line: 0)]
        }
        return try location.line.map { (line) throws(ProfileError) in
            guard let function = functions[line.functionID] else {
                throw .notAProfile(
                    name: name,
                    reason: "location \(location.id) refers to function \(line.functionID), which is not defined")
            }
            return StackFrame(function: function.name, file: function.file, line: Int(line.line))
        }
    }
}

extension ProfileLabel {
    fileprivate init(_ label: Perftools_Profiles_Label, strings: StringTable, sample: Int) throws(ProfileError) {
        let what = "a label of sample \(sample)"
        let key = try strings[label.key, what]
        // The format allows a string or a number; a label with neither is the number 0.
        if label.str != 0 {
            self.init(key: key, value: .text(try strings[label.str, what]))
        } else {
            self.init(key: key, value: .number(label.num, unit: try strings[label.numUnit, what]))
        }
    }
}
