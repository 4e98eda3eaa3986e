import Testing

@testable import SocketServer

/// The event loop's descriptor-indexed table, for descriptors it never registered: each question has an
/// answer and no call traps, whatever the descriptor's value.
@Suite("EventLoop's registry")
struct RegistryTests {
    @Test("descriptors never registered: no entry, no interest, removal and interest changes are no-ops")
    func unregistered() {
        var registry = Registry()
        for fd: Int32 in [-1, 0, 3, 4000, .max] {
            registry.setInterest(1, fd: fd)
            registry.remove(fd: fd)
            #expect(registry[fd] == nil, "fd \(fd)")
        }
        #expect(registry.count == 0)
        #expect(registry.connections.isEmpty)
    }
}
