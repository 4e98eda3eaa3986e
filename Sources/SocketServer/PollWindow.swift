/// Whether an event loop polls for events before it sleeps in `epoll_wait`, and for how long.
///
/// Sleeping and being woken costs a context switch each way and, on a virtual machine, an interrupt
/// through the hypervisor: several microseconds of CPU, and the request that wakes the loop waits for all
/// of it. Under load the next event mostly comes within microseconds, and polling for it is cheaper than
/// sleeping; when it does not come within the window, the poll was CPU spent for nothing. So the loop
/// polls only while polling pays: it keeps a moving average of how many of its recent waits ended within
/// `window` (whether it polled through them or slept), and polls, for `window`, while that is at least
/// half. A wait with no event (the deadline checks' timeout) counts as a long one. A loop whose waits
/// mostly outlast `window`, idle or lightly loaded, stops polling within six waits. What polling wastes
/// is bounded: a poll in vain costs `window`, and with at least half the recent waits short, about one
/// wait in two at most carries one (when short and long gaps alternate, every poll can fall before a
/// long gap).
/// (KVM's halt polling weighs the same trade for an idle virtual CPU: Documentation/virt/kvm/halt-polling.rst.)
struct PollWindow {
    /// The longest a loop polls, in nanoseconds; 0 turns polling off.
    let window: UInt64
    /// The share of recent waits that ended within `window`, in 1/1024: an exponential moving average
    /// over about the last eight waits.
    private(set) var hitRate: UInt32 = 0

    init(window: UInt64) { self.window = window }

    /// How long to poll before the next sleep, in nanoseconds; 0 means sleep at once.
    var current: UInt64 { window > 0 && hitRate >= 512 ? window : 0 }

    /// Counts one wait: `gap` nanoseconds from the end of the last batch of events to the next event.
    mutating func record(gap: UInt64) {
        guard window > 0 else { return }
        let hit: UInt32 = gap <= window ? 1024 : 0
        hitRate = hitRate - hitRate / 8 + hit / 8
    }
}
