/// What a group of the report counts: goroutines that wait at one place, or
/// memory still live at one allocation site.
package enum EvidenceKind: String, Sendable, Codable, Hashable {
    case goroutines
    case heap
}
