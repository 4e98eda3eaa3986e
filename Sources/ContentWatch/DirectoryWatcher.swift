import Dispatch
import Glibc

/// Calls `onChange` once a directory tree has been quiet for `quiet` after a change: a file written,
/// created, moved, deleted or given new attributes, in the directory or in any directory below it.
///
/// Built for a mounted Kubernetes ConfigMap as well as for files edited in place: the kubelet writes a
/// new version into a fresh `..<timestamp>` folder and swaps the `..data` symlink onto it with a rename
/// in the top directory; every name in the mount is a symlink through `..data`. The top directory is
/// watched as it is; below it, each subdirectory is watched where its path resolves now (through the
/// symlinks), and those watches are made anew after every change, since a swap leaves the old ones
/// watching a folder that has just been deleted. Changes that arrive while `onChange` runs or within
/// `quiet` of each other make one call; changes that never stop for `quiet` still make one every
/// `longest`.
public final class DirectoryWatcher: @unchecked Sendable {  // all mutable state confined to `queue`
    public enum WatchError: Error, CustomStringConvertible {
        case inotify(errno: Int32)
        case watch(path: String, errno: Int32)

        public var description: String {
            switch self {
            case .inotify(let number): "inotify_init1 failed: \(String(cString: strerror(number)))"
            case .watch(let path, let number): "cannot watch \(path): \(String(cString: strerror(number)))"
            }
        }
    }

    private static let mask: UInt32 =
        UInt32(IN_CLOSE_WRITE) | UInt32(IN_CREATE) | UInt32(IN_DELETE) | UInt32(IN_MOVED_FROM)
        | UInt32(IN_MOVED_TO) | UInt32(IN_ATTRIB) | UInt32(IN_DELETE_SELF) | UInt32(IN_MOVE_SELF)

    private let directory: String
    private let quiet: DispatchTimeInterval
    private let longest: DispatchTimeInterval
    private let onChange: @Sendable () -> Void
    private let queue = DispatchQueue(label: "hormone-therapy-api.content-watch")
    private let descriptor: Int32
    /// The top directory's watch: kept whatever the scans below it find (a folder whose files are all
    /// deleted, then written again, must still be seen).
    private var topWatch: Int32 = -1
    private var source: DispatchSourceRead?
    /// When the first change not yet reported came: past `longest`, a change is reported at once.
    private var pendingSince: DispatchTime?
    /// Watches below the top directory, made anew after each change.
    private var subdirectoryWatches: [Int32] = []
    /// Bumped by every change: a debounce timer fires only if no change came after it was set.
    private var generation = 0

    /// Starts watching `directory` (which must exist). `onChange` runs on the watcher's own queue, so it
    /// must not call `cancel()`.
    public init(
        directory: String, quiet: DispatchTimeInterval = .milliseconds(250),
        longest: DispatchTimeInterval = .seconds(2), onChange: @escaping @Sendable () -> Void
    )
        throws(WatchError)
    {
        self.directory = directory
        self.quiet = quiet
        self.longest = longest
        self.onChange = onChange
        descriptor = inotify_init1(Int32(IN_NONBLOCK | IN_CLOEXEC))
        guard descriptor >= 0 else { throw .inotify(errno: errno) }
        let top = inotify_add_watch(descriptor, directory, Self.mask)
        guard top >= 0 else {
            let number = errno
            close(descriptor)
            throw .watch(path: directory, errno: number)
        }
        topWatch = top
        queue.sync {
            watchSubdirectories()
            let source = DispatchSource.makeReadSource(fileDescriptor: descriptor, queue: queue)
            // Weak: a watcher dropped without `cancel()` stops with its last reference.
            source.setEventHandler { [weak self] in self?.drain() }
            source.setCancelHandler { [descriptor] in close(descriptor) }
            source.resume()
            self.source = source
        }
    }

    /// Stops watching; `onChange` is not called after this returns (a call running now finishes first).
    public func cancel() {
        queue.sync {
            generation += 1
            source?.cancel()
            source = nil
        }
    }

    deinit { source?.cancel() }

    private func drain() {
        var buffer = [UInt8](repeating: 0, count: 64 * 1024)
        var changed = false
        while true {
            let count = buffer.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
            guard count > 0 else { break }
            changed = changed || Self.reportsChange(buffer[..<count])
        }
        guard changed else { return }
        generation += 1
        let expected = generation
        let now = DispatchTime.now()
        let since = pendingSince ?? now
        pendingSince = since
        // Quiet for `quiet`, or at once when changes have kept coming for `longest`.
        let deadline = now >= since + longest ? now : now + quiet
        queue.asyncAfter(deadline: deadline) { [weak self] in
            guard let self, self.generation == expected, self.source != nil else { return }
            self.pendingSince = nil
            self.watchSubdirectories()
            self.onChange()
        }
    }

    /// Whether the events read say anything changed: a watch's own removal (`IN_IGNORED`, which
    /// `watchSubdirectories` causes) says nothing.
    private static func reportsChange(_ bytes: ArraySlice<UInt8>) -> Bool {
        let header = MemoryLayout<inotify_event>.size
        var offset = bytes.startIndex
        while offset + header <= bytes.endIndex {
            let event = bytes[offset..<(offset + header)].withUnsafeBytes { $0.loadUnaligned(as: inotify_event.self) }
            if event.mask & UInt32(IN_IGNORED) == 0 { return true }
            offset += header + Int(event.len)
        }
        return false
    }

    /// Watches, beside the top directory, every directory where a visible name below it resolves now
    /// (through symlinks): each subdirectory, and the folder each file really lives in. Hidden names (the
    /// kubelet's `..data` and `..<timestamp>` folders) are reached through the visible symlinks only. A
    /// directory watched already keeps its watch (inotify gives the same one back); the others' are
    /// removed.
    private func watchSubdirectories() {
        let previous = subdirectoryWatches
        subdirectoryWatches = []
        defer {
            for watch in previous where !subdirectoryWatches.contains(watch) { inotify_rm_watch(descriptor, watch) }
        }
        // The top directory is watched already, under its own watch, which the scan must not claim.
        var watched: Set<String> = Self.realPath(directory).map { [$0] } ?? []
        func watch(_ path: String) {
            guard watched.insert(path).inserted else { return }
            let watch = inotify_add_watch(descriptor, path, Self.mask)
            if watch >= 0, watch != topWatch { subdirectoryWatches.append(watch) }
        }
        var pending = [directory]
        var depth = 0
        while !pending.isEmpty, depth < 8 {
            var next: [String] = []
            for folder in pending {
                for name in Self.entries(of: folder) where !name.hasPrefix(".") {
                    guard let real = Self.realPath(folder + "/" + name) else { continue }
                    var info = stat()
                    guard stat(real, &info) == 0 else { continue }
                    if (info.st_mode & S_IFMT) == S_IFDIR {
                        watch(real)
                        next.append(folder + "/" + name)
                    } else if let slash = real.lastIndex(of: "/") {
                        watch(String(real[..<slash]))
                    }
                }
            }
            pending = next
            depth += 1
        }
    }

    private static func realPath(_ path: String) -> String? {
        guard let resolved = realpath(path, nil) else { return nil }
        defer { free(resolved) }
        return String(cString: resolved)
    }

    private static func entries(of folder: String) -> [String] {
        guard let stream = opendir(folder) else { return [] }
        defer { closedir(stream) }
        var names: [String] = []
        while let entry = readdir(stream) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { bytes in
                String(decoding: bytes.prefix { $0 != 0 }, as: UTF8.self)
            }
            if name != "." && name != ".." { names.append(name) }
        }
        return names
    }
}
