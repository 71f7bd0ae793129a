import Foundation
import Synchronization

/// The web UI's files, read once from the package's resources and served from memory. Only
/// these names can be served: a request path is a dictionary key, never a file path.
struct StaticFiles: Sendable {
    /// One file, with what serving it needs, worked out once.
    final class File: Sendable {
        let bytes: Data
        let contentType: String
        /// Tag of the identity bytes: a hash of the content, the same on every start.
        let etag: EntityTag
        private let compressible: Bool
        /// The gzipped bytes once made: `.some(nil)` for a file not worth compressing.
        private let compressed = Mutex<Data??>(nil)

        init(bytes: Data, contentType: String) {
            self.bytes = bytes
            self.contentType = contentType
            var hash = FNV128()
            hash.mix(bytes)
            etag = EntityTag(opaque: hash.hex)
            compressible = bytes.count >= Gzip.minimumBytes && Gzip.isCompressible(contentType)
        }

        /// The bytes gzipped at zlib's smallest setting, for text files big enough to gain; made
        /// on first use (``StaticFiles/compressAll()`` makes them all once the board listens, so
        /// compressing them does not hold up its start).
        var gzipped: Data? {
            compressed.withLock { cached in
                if let made = cached { return made }
                let made = compressible ? Data(GzipStream.compressed(bytes, level: Gzip.staticLevel)) : nil
                cached = .some(made)
                return made
            }
        }
    }

    private let files: [String: File]

    /// The UI bundled with LumenServer.
    static let bundled: StaticFiles = {
        guard let resources = Bundle.module.resourceURL else { return StaticFiles(files: [:]) }
        return StaticFiles(directory: resources.appendingPathComponent("ui"))
    }()

    init(files: [String: File]) { self.files = files }

    init(directory: URL) {
        var contents: [String: Data] = [:]
        let base = directory.standardizedFileURL.path
        let enumerator = FileManager.default.enumerator(at: directory, includingPropertiesForKeys: nil)
        while let url = enumerator?.nextObject() as? URL {
            guard let data = try? Data(contentsOf: url), !url.hasDirectoryPath else { continue }
            contents[String(url.standardizedFileURL.path.dropFirst(base.count))] = data
        }
        // The page's modules go out bundled (ModuleBundle); should they not bundle, one by one.
        do {
            for (path, script) in try ModuleBundle.scripts(entry: "/app.js", in: contents) { contents[path] = script }
        } catch {
            FileHandle.standardError.write(Data("lumen: the board's page is served as separate modules (slower to open): \(error)\n".utf8))
        }
        var files: [String: File] = [:]
        for (path, data) in contents {
            files[path] = File(bytes: data, contentType: Self.contentType(forExtension: (path as NSString).pathExtension))
        }
        self.files = files
    }

    /// Makes every file's gzipped bytes that are not made yet.
    func compressAll() {
        for file in files.values { _ = file.gzipped }
    }

    /// The file for a request path; "/" is `index.html`.
    func file(at path: String) -> File? {
        files[path == "/" ? "/index.html" : path]
    }

    private static func contentType(forExtension ext: String) -> String {
        switch ext {
        case "html": return "text/html; charset=utf-8"
        case "js", "mjs": return "text/javascript; charset=utf-8"
        case "css": return "text/css; charset=utf-8"
        case "svg": return "image/svg+xml"
        case "png": return "image/png"
        case "json": return "application/json"
        default: return "application/octet-stream"
        }
    }
}
