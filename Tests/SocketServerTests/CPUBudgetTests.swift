import Testing

@testable import SocketServer

@Suite("Event loops follow the CPUs the process may use")
struct CPUBudgetTests {
    @Test(
        "the count is the affinity, bounded by the quota rounded up, at least 1",
        arguments: [
            (2, nil, 2, 2, "online-cpus"), (1, nil, 2, 1, "affinity"), (2, 1.0, 2, 1, "cgroup-quota"),
            (64, 1.5, 64, 2, "cgroup-quota"), (4, 0.25, 8, 1, "cgroup-quota"), (nil, nil, 8, 8, "online-cpus"),
            (nil, 2.0, 8, 2, "cgroup-quota"), (2, 4.0, 2, 2, "online-cpus"),
        ] as [(Int?, Double?, Int, Int, String)])
    func count(affinity: Int?, quota: Double?, online: Int, expected: Int, reason: String) {
        let budget = CPUBudget(affinity: affinity, quota: quota, online: online)
        #expect(budget.count == expected)
        #expect(budget.reason == reason)
    }

    @Test(
        "cgroup v2 cpu.max and v1 cfs files",
        arguments: [
            ("max 100000\n", nil), ("100000 100000\n", 1.0), ("150000 100000", 1.5), ("50000 100000", 0.5), ("", nil),
            ("abc 100000", nil), ("100000 0", nil),
        ] as [(String, Double?)])
    func cpuMax(text: String, expected: Double?) {
        #expect(CPUBudget.quota(cpuMax: text) == expected)
    }

    @Test("cgroup v1: -1 is no limit")
    func cfs() {
        #expect(CPUBudget.quota(cfsQuota: "-1\n", cfsPeriod: "100000\n") == nil)
        #expect(CPUBudget.quota(cfsQuota: "200000\n", cfsPeriod: "100000\n") == 2)
    }

    @Test("the tightest quota from the process's cgroup up to the root of the mount")
    func hierarchy() {
        let files = [
            "/proc/self/cgroup": "12:cpu,cpuacct:/kubepods/pod1/c1\n0::/kubepods/pod1/c1\n",
            "/sys/fs/cgroup/kubepods/pod1/c1/cpu.max": "max 100000\n",
            "/sys/fs/cgroup/kubepods/pod1/cpu.max": "300000 100000\n",
            "/sys/fs/cgroup/kubepods/cpu.max": "max 100000\n",
            "/sys/fs/cgroup/cpu,cpuacct/kubepods/pod1/c1/cpu.cfs_quota_us": "250000",
            "/sys/fs/cgroup/cpu,cpuacct/kubepods/pod1/c1/cpu.cfs_period_us": "100000",
        ]
        #expect(CPUBudget.cgroupQuota(read: { files[$0] }) == 2.5)
        #expect(CPUBudget.cgroupQuota(read: { _ in nil }) == nil)
        #expect(CPUBudget.cgroupPaths("0::/\n").unified == "/")
        #expect(CPUBudget.ancestors("/a/b") == ["/a/b", "/a", ""])
    }

    @Test("this process has a budget of at least one loop")
    func current() {
        let budget = CPUBudget.current()
        #expect(budget.count >= 1 && budget.count <= budget.online)
    }
}
