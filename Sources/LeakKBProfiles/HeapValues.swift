/// The four values of every sample in a Go heap or allocs profile.
enum HeapValues: String, CaseIterable {
    case allocObjects = "alloc_objects"
    case allocSpace = "alloc_space"
    case inuseObjects = "inuse_objects"
    case inuseSpace = "inuse_space"
}
