import ContentWatch
import Foundation
import Synchronization
import Testing

/// Each test watches a fresh folder with the default quiet time (250 ms) and counts the calls.
@Suite("Content that reloads itself: a directory watched, changes debounced")
struct DirectoryWatcherTests {
    final class Calls: Sendable {
        let count = Atomic<Int>(0)

        /// Waits up to five seconds for at least `expected` calls, then longer than the quiet time for any
        /// extra one (sanitized builds on a loaded machine are slow).
        func settle(at expected: Int) async throws -> Int {
            for _ in 0..<500 where count.load(ordering: .relaxed) < expected {
                try await Task.sleep(for: .milliseconds(10))
            }
            try await Task.sleep(for: .milliseconds(500))
            return count.load(ordering: .relaxed)
        }
    }

    static func folder() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("watch-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    static func watch(_ folder: URL) throws -> (DirectoryWatcher, Calls) {
        let calls = Calls()
        let watcher = try DirectoryWatcher(directory: folder.path, quiet: .milliseconds(250)) {
            calls.count.add(1, ordering: .relaxed)
        }
        return (watcher, calls)
    }

    @Test("a file edited in place, then a burst of edits: one call each, none while nothing changes")
    func editInPlace() async throws {
        let folder = try Self.folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        try Data("{}".utf8).write(to: folder.appendingPathComponent("agents.json"))
        let (watcher, calls) = try Self.watch(folder)
        defer { watcher.cancel() }
        #expect(try await calls.settle(at: 0) == 0)
        try Data("{ }".utf8).write(to: folder.appendingPathComponent("agents.json"))
        #expect(try await calls.settle(at: 1) == 1)
        for index in 0..<5 { try Data("\(index)".utf8).write(to: folder.appendingPathComponent("notes.json")) }
        #expect(try await calls.settle(at: 2) == 2)
    }

    @Test("a file in a subdirectory (schema/) counts too")
    func subdirectory() async throws {
        let folder = try Self.folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let schema = folder.appendingPathComponent("schema")
        try FileManager.default.createDirectory(at: schema, withIntermediateDirectories: true)
        let (watcher, calls) = try Self.watch(folder)
        defer { watcher.cancel() }
        try Data("{}".utf8).write(to: schema.appendingPathComponent("agents.schema.json"))
        #expect(try await calls.settle(at: 1) == 1)
    }

    /// What the kubelet does to a mounted ConfigMap: every visible name a symlink through `..data`, a
    /// new version written into a new timestamped folder, `..data` swapped onto it with a rename.
    @Test("a ConfigMap's ..data swap: one call per swap, and the new version's subdirectory is watched")
    func configMapSwap() async throws {
        let folder = try Self.folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let files = FileManager.default
        func version(_ name: String, _ text: String) throws {
            let versioned = folder.appendingPathComponent(name)
            try files.createDirectory(
                at: versioned.appendingPathComponent("schema"), withIntermediateDirectories: true)
            try Data(text.utf8).write(to: versioned.appendingPathComponent("agents.json"))
            try Data(text.utf8).write(to: versioned.appendingPathComponent("schema/agents.schema.json"))
        }
        func swap(to name: String) throws {
            let temporary = folder.appendingPathComponent("..data_tmp")
            try files.createSymbolicLink(atPath: temporary.path, withDestinationPath: name)
            #expect(rename(temporary.path, folder.appendingPathComponent("..data").path) == 0)
        }
        try version("..2026_12_06_10_00_00.1", "{}")
        try swap(to: "..2026_12_06_10_00_00.1")
        try files.createSymbolicLink(
            atPath: folder.appendingPathComponent("agents.json").path, withDestinationPath: "..data/agents.json")
        try files.createSymbolicLink(
            atPath: folder.appendingPathComponent("schema").path, withDestinationPath: "..data/schema")

        let (watcher, calls) = try Self.watch(folder)
        defer { watcher.cancel() }
        try version("..2026_12_06_10_01_00.2", "{ }")
        try swap(to: "..2026_12_06_10_01_00.2")
        try files.removeItem(at: folder.appendingPathComponent("..2026_12_06_10_00_00.1"))
        #expect(try await calls.settle(at: 1) == 1)
        // The watch below follows the swap: a change inside the new version's schema/ is seen.
        try Data("{  }".utf8).write(
            to: folder.appendingPathComponent("..2026_12_06_10_01_00.2/schema/agents.schema.json"))
        #expect(try await calls.settle(at: 2) == 2)
        // So is one to a file reached through a visible symlink (`agents.json` → `..data/agents.json`).
        try Data("{   }".utf8).write(to: folder.appendingPathComponent("agents.json").resolvingSymlinksInPath())
        #expect(try await calls.settle(at: 3) == 3)
    }

    @Test("a folder emptied, then filled again later, is still watched")
    func emptiedAndRefilled() async throws {
        let folder = try Self.folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("agents.json")
        try Data("{}".utf8).write(to: file)
        let (watcher, calls) = try Self.watch(folder)
        defer { watcher.cancel() }
        try FileManager.default.removeItem(at: file)
        #expect(try await calls.settle(at: 1) == 1)
        try Data("{ }".utf8).write(to: file)
        #expect(try await calls.settle(at: 2) == 2)
    }

    @Test("changes that never pause still make a call every `longest`")
    func neverQuiet() async throws {
        let folder = try Self.folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let calls = Calls()
        let watcher = try DirectoryWatcher(
            directory: folder.path, quiet: .milliseconds(300), longest: .milliseconds(600)
        ) {
            calls.count.add(1, ordering: .relaxed)
        }
        defer { watcher.cancel() }
        let file = folder.appendingPathComponent("notes.json")
        for index in 0..<20 {  // a write every 100 ms for 2 s: never quiet for 300 ms
            try Data("\(index)".utf8).write(to: file)
            try await Task.sleep(for: .milliseconds(100))
        }
        #expect(calls.count.load(ordering: .relaxed) >= 1, "no call while the writes went on")
    }

    @Test("no call after cancel; a missing directory is an error naming it")
    func cancelAndMissing() async throws {
        let folder = try Self.folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let (watcher, calls) = try Self.watch(folder)
        watcher.cancel()
        try Data("{}".utf8).write(to: folder.appendingPathComponent("agents.json"))
        #expect(try await calls.settle(at: 0) == 0)
        #expect {
            _ = try DirectoryWatcher(directory: folder.path + "/nope") {}
        } throws: { error in
            "\(error)".contains("/nope")
        }
    }
}
