import Foundation

/// Resolves a path named in a `projector_config.pbtxt` to a file inside the run's directory:
/// only relative paths, with no `..` component, whose real path (symbolic links followed)
/// stays inside the directory's real path. A hostile config cannot make the board read
/// anything else.
enum ProjectorPath {
    /// The real path of `relative` inside `directory`.
    /// - Throws: ``ProjectorFileError`` against `config` (at `line`) naming the path and why it
    ///   is refused or missing (no line for the config itself).
    static func resolve(_ relative: String, field: String, in directory: String, config: String, line: Int?) throws -> String {
        func refuse(_ why: String) -> ProjectorFileError {
            ProjectorFileError(file: config, line: line, message: "\(field) \(relative.debugDescription) \(why)")
        }
        guard !relative.isEmpty else { throw refuse("is empty") }
        guard !relative.hasPrefix("/") else { throw refuse("is absolute; only paths inside the run's directory are read") }
        guard !relative.split(separator: "/").contains("..") else { throw refuse("contains `..`; only paths inside the run's directory are read") }
        guard !relative.utf8.contains(0) else { throw refuse("contains a NUL byte") }
        let root = realPath(directory) ?? directory
        let joined = (directory as NSString).appendingPathComponent(relative)
        guard let resolved = realPath(joined) else { throw refuse("does not exist") }
        guard resolved.hasPrefix(root.hasSuffix("/") ? root : root + "/") else {
            throw refuse("leads outside the run's directory (through a symbolic link, to \(resolved.debugDescription))")
        }
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: resolved, isDirectory: &isDirectory), !isDirectory.boolValue else {
            throw refuse("is not a file")
        }
        return resolved
    }

    private static func realPath(_ path: String) -> String? {
        guard let resolved = realpath(path, nil) else { return nil }
        defer { free(resolved) }
        return String(cString: resolved)
    }
}
