/// Memory allocated at one stack, from a heap or allocs profile: what is
/// still live (`inuse`) and everything allocated there since the program
/// started (`alloc`), in bytes and objects.
package struct AllocationSite: Hashable, Sendable {
    /// Top first: `stack[0]` is the allocating function (runtime frames are not recorded).
    package let stack: [StackFrame]
    package let inuseSpace: Int64
    package let inuseObjects: Int64
    package let allocSpace: Int64
    package let allocObjects: Int64

    package init(stack: [StackFrame], inuseSpace: Int64, inuseObjects: Int64, allocSpace: Int64, allocObjects: Int64) {
        self.stack = stack
        self.inuseSpace = inuseSpace
        self.inuseObjects = inuseObjects
        self.allocSpace = allocSpace
        self.allocObjects = allocObjects
    }
}
