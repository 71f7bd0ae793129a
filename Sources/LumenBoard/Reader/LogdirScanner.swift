import Foundation
#if canImport(Glibc)
import Glibc
#endif

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
        collectEventFiles(in: root.path, into: &filesByDirectory)
        return filesByDirectory.map { directory, files in
            Run(name: relativeName(of: directory, under: root.path), eventFiles: files.sorted())
        }.sorted { $0.name < $1.name }
    }

    /// Adds the event files of `directory` and of every directory below it (symbolic links to
    /// directories are not followed, as `os.walk` does not; links to files count as their
    /// targets). The directory entries' own types decide, so a directory of 10,000 runs is
    /// walked with one `stat` per link only: a listing through `URL` resource values took
    /// about 1 s of CPU there.
    private static func collectEventFiles(in directory: String, into filesByDirectory: inout [String: [String]]) {
        guard let handle = opendir(directory) else { return }
        var subdirectories: [String] = []
        while let entry = readdir(handle) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { bytes in
                String(decoding: bytes.prefix { $0 != 0 }, as: UTF8.self)
            }
            guard name != ".", name != ".." else { continue }
            let path = directory.hasSuffix("/") ? directory + name : directory + "/" + name
            switch kind(of: path, entryType: entry.pointee.d_type) {
            case .directory: subdirectories.append(path)
            case .file where name.contains("tfevents"): filesByDirectory[directory, default: []].append(path)
            case .file, .other: break
            }
        }
        closedir(handle)
        for subdirectory in subdirectories { collectEventFiles(in: subdirectory, into: &filesByDirectory) }
    }

    private enum EntryKind { case directory, file, other }

    /// What a directory entry is: its type from the directory when given, else from `lstat`;
    /// a symbolic link is what it points to when that is a file, else skipped.
    private static func kind(of path: String, entryType: UInt8) -> EntryKind {
        switch Int32(entryType) {
        case Int32(DT_DIR): return .directory
        case Int32(DT_REG): return .file
        case Int32(DT_LNK): return isRegularFile(following: path) ? .file : .other
        case Int32(DT_UNKNOWN):
            var info = stat()
            guard lstat(path, &info) == 0 else { return .other }
            switch info.st_mode & S_IFMT {
            case S_IFDIR: return .directory
            case S_IFREG: return .file
            case S_IFLNK: return isRegularFile(following: path) ? .file : .other
            default: return .other
            }
        default: return .other
        }
    }

    private static func isRegularFile(following path: String) -> Bool {
        var info = stat()
        return stat(path, &info) == 0 && info.st_mode & S_IFMT == S_IFREG
    }

    private static func relativeName(of directory: String, under root: String) -> String {
        guard directory != root else { return "." }
        let prefix = root.hasSuffix("/") ? root : root + "/"
        return directory.hasPrefix(prefix) ? String(directory.dropFirst(prefix.count)) : directory
    }
}
