import Foundation

/// Finds the runs of a log directory: every directory holding files whose name contains
/// `tfevents` is a run, named by its path relative to the log directory (the root itself is ".").
public enum LogdirScanner {
    /// A run and its event files, in name order (the order TensorBoard reads them).
    public struct Run: Sendable, Equatable {
        /// Path relative to the log directory; "." for the root.
        public let name: String
        /// Absolute paths of the run's event files.
        public let eventFiles: [String]
    }

    /// The runs under `logDir`, sorted by name. A path to a single event file gives one run.
    /// - Throws: `EventFileError.noSuchLogDir` when `logDir` does not exist.
    public static func runs(in logDir: String) throws -> [Run] {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: logDir, isDirectory: &isDirectory) else {
            throw EventFileError.noSuchLogDir(path: logDir)
        }
        let root = URL(fileURLWithPath: logDir).standardizedFileURL
        if !isDirectory.boolValue {
            return [Run(name: root.lastPathComponent, eventFiles: [root.path])]
        }
        var filesByDirectory: [String: [String]] = [:]
        let enumerator = FileManager.default.enumerator(at: root, includingPropertiesForKeys: [.isRegularFileKey])
        while let url = enumerator?.nextObject() as? URL {
            guard url.lastPathComponent.contains("tfevents"),
                  (try? url.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile) == true else { continue }
            let directory = url.deletingLastPathComponent().standardizedFileURL.path
            filesByDirectory[directory, default: []].append(url.standardizedFileURL.path)
        }
        return filesByDirectory.map { directory, files in
            Run(name: relativeName(of: directory, under: root.path), eventFiles: files.sorted())
        }.sorted { $0.name < $1.name }
    }

    private static func relativeName(of directory: String, under root: String) -> String {
        guard directory != root else { return "." }
        let prefix = root.hasSuffix("/") ? root : root + "/"
        return directory.hasPrefix(prefix) ? String(directory.dropFirst(prefix.count)) : directory
    }
}
