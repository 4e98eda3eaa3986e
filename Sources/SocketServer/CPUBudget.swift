import CEpoll

#if canImport(Glibc)
    import Glibc
#endif

/// How many CPUs this process may use, and so how many event loops to run: the CPUs in its affinity
/// mask (`taskset`, a container's cpuset), bounded by its cgroup's CPU quota (v2 `cpu.max`, v1
/// `cpu.cfs_quota_us` / `cpu.cfs_period_us`) rounded up, at least 1. The machine's processor count
/// alone would start 64 loops in a container limited to one CPU on a 64-core node, which the quota
/// then throttles. Go (GOMAXPROCS since 1.25), the JVM and .NET size themselves the same way.
public struct CPUBudget: Sendable, Equatable, CustomStringConvertible {
    /// Event loops to run.
    public let count: Int
    /// CPUs in the affinity mask, when it could be read.
    public let affinity: Int?
    /// The tightest cgroup quota on the way to the root, in CPUs (1.5 = 150 ms per 100 ms), if any.
    public let quota: Double?
    /// CPUs online, the fallback.
    public let online: Int

    public init(affinity: Int?, quota: Double?, online: Int) {
        self.affinity = affinity
        self.quota = quota
        self.online = online
        var count = max(1, affinity ?? online)
        if let quota, quota > 0 { count = min(count, max(1, Int(quota.rounded(.up)))) }
        self.count = count
    }

    /// Why `count`: which limit decided it, for the `listening` log line and /metrics.
    public var reason: String {
        if let quota, quota > 0, Int(quota.rounded(.up)) < (affinity ?? online) { return "cgroup-quota" }
        if let affinity, affinity < online { return "affinity" }
        return "online-cpus"
    }

    public var description: String {
        let quotaText = quota.map { " quota \(($0 * 100).rounded() / 100) CPU" } ?? ""
        return
            "\(count) (\(reason): affinity \(affinity.map(String.init) ?? "unknown") of \(online) online\(quotaText))"
    }

    /// The budget of this process, read from the kernel.
    public static func current() -> CPUBudget {
        CPUBudget(affinity: affinityCount(), quota: cgroupQuota(read: readFile), online: onlineCount())
    }

    // MARK: Parsing (pure, tested)

    /// cgroup v2 `cpu.max`: `"max 100000"` is no limit; `"150000 100000"` is 1.5 CPUs.
    static func quota(cpuMax text: String) -> Double? {
        let fields = text.split(whereSeparator: \.isWhitespace)
        guard fields.count == 2, let period = Double(fields[1]), period > 0, fields[0] != "max",
            let limit = Double(fields[0]), limit > 0
        else { return nil }
        return limit / period
    }

    /// cgroup v1: a quota of -1 is no limit.
    static func quota(cfsQuota: String, cfsPeriod: String) -> Double? {
        guard let limit = Double(cfsQuota.trimmed), limit > 0, let period = Double(cfsPeriod.trimmed), period > 0
        else { return nil }
        return limit / period
    }

    /// The cgroup paths of `/proc/self/cgroup`: the v2 path (`0::/x`) and the v1 path of the cpu controller.
    static func cgroupPaths(_ text: String) -> (unified: String?, cpu: String?) {
        var unified: String?
        var cpu: String?
        for line in text.split(separator: "\n") {
            let parts = line.split(separator: ":", maxSplits: 2, omittingEmptySubsequences: false)
            guard parts.count == 3 else { continue }
            if parts[0] == "0", parts[1].isEmpty { unified = String(parts[2]) }
            if parts[1].split(separator: ",").contains("cpu") { cpu = String(parts[2]) }
        }
        return (unified, cpu)
    }

    /// The tightest quota from the process's cgroup up to the root: a parent's limit binds its children.
    /// `read` returns a file's text or nil; a container sees its own cgroup as the root of the mount.
    static func cgroupQuota(read: (String) -> String?) -> Double? {
        guard let cgroups = read("/proc/self/cgroup") else { return nil }
        let paths = cgroupPaths(cgroups)
        var quotas: [Double] = []
        if let unified = paths.unified {
            for directory in ancestors(unified) {
                if let text = read("/sys/fs/cgroup\(directory)/cpu.max"), let quota = quota(cpuMax: text) {
                    quotas.append(quota)
                }
            }
        }
        if let cpu = paths.cpu {
            for mount in ["/sys/fs/cgroup/cpu,cpuacct", "/sys/fs/cgroup/cpu"] {
                for directory in ancestors(cpu) {
                    if let limit = read("\(mount)\(directory)/cpu.cfs_quota_us"),
                        let period = read("\(mount)\(directory)/cpu.cfs_period_us"),
                        let quota = quota(cfsQuota: limit, cfsPeriod: period)
                    {
                        quotas.append(quota)
                    }
                }
            }
        }
        return quotas.min()
    }

    /// `/a/b` → `/a/b`, `/a`, `` (the mount's root).
    static func ancestors(_ path: String) -> [String] {
        var parts = path.split(separator: "/").map(String.init)
        var result: [String] = []
        while true {
            result.append(parts.isEmpty ? "" : "/" + parts.joined(separator: "/"))
            if parts.isEmpty { break }
            parts.removeLast()
        }
        return result
    }

    // MARK: The kernel

    private static func affinityCount() -> Int? {
        let count = Int(hta_affinity_count())
        return count > 0 ? count : nil
    }

    private static func onlineCount() -> Int {
        #if canImport(Glibc)
            return max(1, Int(sysconf(Int32(_SC_NPROCESSORS_ONLN))))
        #else
            return 1
        #endif
    }

    private static func readFile(_ path: String) -> String? {
        #if canImport(Glibc)
            guard let file = fopen(path, "r") else { return nil }
            defer { fclose(file) }
            var bytes: [UInt8] = []
            var buffer = [UInt8](repeating: 0, count: 4096)
            while true {
                let count = fread(&buffer, 1, buffer.count, file)
                if count <= 0 { break }
                bytes += buffer[0..<count]
                if bytes.count > 1 << 16 { break }
            }
            return String(decoding: bytes, as: UTF8.self)
        #else
            return nil
        #endif
    }
}

extension String {
    fileprivate var trimmed: Substring {
        let start = firstIndex { !$0.isWhitespace } ?? endIndex
        let end = lastIndex { !$0.isWhitespace }.map { index(after: $0) } ?? endIndex
        return start < end ? self[start..<end] : ""
    }
}
