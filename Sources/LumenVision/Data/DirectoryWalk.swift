import Foundation

/// Directory listing with Python's rules, for ``ImageFolder``'s torchvision-identical order.
enum DirectoryWalk {
    /// Python's string order on file names: by code point, which for UTF-8 names is byte order
    /// (Swift's `<` on `String` compares canonical forms instead).
    static func precedes(_ a: String, _ b: String) -> Bool {
        a.utf8.lexicographicallyPrecedes(b.utf8)
    }

    /// `os.path.join(directory, name)`.
    static func join(_ directory: String, _ name: String) -> String {
        directory.isEmpty || directory.hasSuffix("/") ? directory + name : directory + "/" + name
    }

    /// Whether `path` is a directory, following symbolic links, as `DirEntry.is_dir()`.
    static func isDirectory(_ path: String) -> Bool {
        var isDirectory: ObjCBool = false
        return FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) && isDirectory.boolValue
    }

    /// The entries of `directory` split into sub-directories and other files (hidden ones too),
    /// as `os.scandir` sees them; nil when it cannot be listed.
    static func entries(of directory: String) -> (directories: [String], files: [String])? {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: directory) else { return nil }
        var directories: [String] = [], files: [String] = []
        for name in names {
            if isDirectory(join(directory, name)) { directories.append(name) } else { files.append(name) }
        }
        return (directories, files)
    }

    /// The paths of the files under `top`, in the order of
    /// `for root, _, files in sorted(os.walk(top, followlinks=True)): for f in sorted(files)`:
    /// directories ordered by their whole path, files by name within each.
    ///
    /// Symbolic links to directories are followed, except into a directory that is already one
    /// of the current path's ancestors (Python would loop until the path grows too long).
    static func files(under top: String) -> [String] {
        var visited: [(root: String, files: [String])] = []
        func walk(_ directory: String, ancestors: Set<String>) {
            guard let (directories, files) = entries(of: directory) else { return }
            visited.append((directory, files))
            for name in directories {
                let path = join(directory, name)
                let real = URL(fileURLWithPath: path).resolvingSymlinksInPath().path
                if ancestors.contains(real) { continue }
                walk(path, ancestors: ancestors.union([real]))
            }
        }
        walk(top, ancestors: [URL(fileURLWithPath: top).resolvingSymlinksInPath().path])
        visited.sort { precedes($0.root, $1.root) }
        return visited.flatMap { root, files in files.sorted(by: precedes).map { join(root, $0) } }
    }
}
