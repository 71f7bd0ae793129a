import Foundation
import LumenBoard

/// The embeddings the runs of a log directory logged for the projector, found through each
/// local run directory's `projector_config.pbtxt`, and their files, loaded when first asked
/// for and kept (with their principal components and row norms) until a file changes.
/// What cannot be read — a hostile or malformed config, a path leading outside the run, a
/// malformed `tensors.tsv` — is kept as a problem for `/api/status`, never a crash.
final class ProjectorCatalog: @unchecked Sendable {
    /// One embedding named by a run's config, its paths resolved and checked.
    struct Entry: Sendable {
        let run: String
        let name: String
        let tensorFile: String
        let metadataFile: String?
        let spriteFile: String?
        let spriteImageSize: [Int]?
    }

    /// An embedding's files, read, with what has been computed from them.
    final class Loaded: @unchecked Sendable {
        let matrix: EmbeddingMatrix
        let metadata: EmbeddingMetadata?
        /// The tensor file's size and modification time when it was read.
        let stamp: FileStamp
        private let lock = NSLock()
        private var components: PrincipalComponents?
        private var norms: [Double]?

        init(matrix: EmbeddingMatrix, metadata: EmbeddingMetadata?, stamp: FileStamp) {
            self.matrix = matrix
            self.metadata = metadata
            self.stamp = stamp
        }

        /// The principal components, computed on first use (one computation at a time).
        var principalComponents: PrincipalComponents {
            lock.withLock {
                if let components { return components }
                let computed = PrincipalComponents(of: matrix)
                components = computed
                return computed
            }
        }

        var squaredNorms: [Double] {
            lock.withLock {
                if let norms { return norms }
                let computed = NearestNeighbors.squaredNorms(matrix)
                norms = computed
                return computed
            }
        }
    }

    /// A file's size and modification time, to notice it was rewritten.
    struct FileStamp: Equatable, Sendable {
        let size: Int64
        let modified: Double

        init?(_ path: String) {
            guard let attributes = try? FileManager.default.attributesOfItem(atPath: path) else { return nil }
            size = (attributes[.size] as? NSNumber)?.int64Value ?? -1
            modified = (attributes[.modificationDate] as? Date)?.timeIntervalSince1970 ?? 0
        }
    }

    /// The config's file name, in a run's directory.
    static let configName = "projector_config.pbtxt"
    /// The shortest time between two scans of the run directories.
    static let rescanInterval: TimeInterval = 2

    private let lock = NSLock()
    private var entries: [Entry] = []
    private var configProblems: [String] = []
    private var loadProblems: [String: String] = [:]
    private var loaded: [String: Loaded] = [:]
    private var scannedAt: Date?
    private var scannedRuns: [String] = []

    /// The embeddings of `store`'s runs, in run order then config order (a name logged twice
    /// keeps its last entry), after rescanning when the runs changed or the last scan is old.
    func entries(in store: LogdirStore) -> [Entry] {
        refresh(store)
        return lock.withLock { entries }
    }

    /// What could not be read, one line each: configs and paths, then embeddings whose files
    /// failed to load.
    func problems(in store: LogdirStore) -> [String] {
        refresh(store)
        return lock.withLock { configProblems + loadProblems.keys.sorted().map { loadProblems[$0]! } }
    }

    /// The embedding `name` of `run`.
    /// - Throws: ``APIError`` not found, naming the parameter that matched nothing.
    func entry(run: String, name: String, in store: LogdirStore) throws -> Entry {
        let all = entries(in: store)
        guard all.contains(where: { $0.run == run }) else {
            throw APIError.notFound("no embeddings in run \(APIError.quoted(run))", parameter: "run")
        }
        guard let entry = all.last(where: { $0.run == run && $0.name == name }) else {
            throw APIError.notFound("run \(APIError.quoted(run)) has no embedding \(APIError.quoted(name))", parameter: "name")
        }
        return entry
    }

    /// The embedding's files, read now or earlier (again when its tensor file changed).
    /// - Throws: ``APIError`` unreadable naming the file and line at fault.
    func load(_ entry: Entry) throws -> Loaded {
        let key = entry.run + "\u{0}" + entry.name
        let stamp = FileStamp(entry.tensorFile)
        if let held = lock.withLock({ loaded[key] }), held.stamp == stamp { return held }
        do {
            guard let stamp else { throw ProjectorFileError(file: entry.tensorFile, line: nil, message: "cannot be read") }
            let matrix = try EmbeddingTSV.matrix(try Self.bytes(entry.tensorFile), file: entry.tensorFile)
            let metadata = try entry.metadataFile.map {
                try EmbeddingTSV.metadata(try Self.bytes($0), file: $0, points: matrix.rows)
            }
            let fresh = Loaded(matrix: matrix, metadata: metadata, stamp: stamp)
            lock.withLock {
                loaded[key] = fresh
                loadProblems[key] = nil
            }
            return fresh
        } catch {
            let message = "embedding \(entry.name.debugDescription) of run \(entry.run.debugDescription): \(error)"
            lock.withLock {
                loaded[key] = nil
                loadProblems[key] = message
            }
            throw APIError.unreadable(message)
        }
    }

    static func bytes(_ path: String) throws -> [UInt8] {
        do {
            return [UInt8](try Data(contentsOf: URL(fileURLWithPath: path), options: .mappedIfSafe))
        } catch {
            throw ProjectorFileError(file: path, line: nil, message: "cannot be read (\(error.localizedDescription))")
        }
    }

    private func refresh(_ store: LogdirStore) {
        let runs = store.runNames
        let due = lock.withLock {
            runs != scannedRuns || scannedAt.map { Date().timeIntervalSince($0) >= Self.rescanInterval } ?? true
        }
        guard due else { return }
        var found: [Entry] = []
        var problems: [String] = []
        for (run, directory) in Self.runDirectories(store, runs: runs) {
            let config = (directory as NSString).appendingPathComponent(Self.configName)
            guard FileManager.default.fileExists(atPath: config) else { continue }
            do {
                found += try Self.entries(ofConfig: config, run: run, directory: directory, problems: &problems)
            } catch {
                problems.append("run \(run.debugDescription): \(error)")
            }
        }
        lock.withLock {
            entries = found
            configProblems = problems
            scannedAt = Date()
            scannedRuns = runs
            let live = Set(found.map { $0.run + "\u{0}" + $0.name })
            loaded = loaded.filter { live.contains($0.key) }
            loadProblems = loadProblems.filter { live.contains($0.key) }
        }
    }

    /// Each run's directory on local disk: under a local log directory's root by the run's name;
    /// for a `--logdir-spec`, beside the run's event files as its listing names them. Runs in
    /// object storage have none (and their listing is not asked for). A listing that fails is
    /// already in the store's status, so it only leaves the projector empty here.
    private static func runDirectories(_ store: LogdirStore, runs: [String]) -> [(run: String, directory: String)] {
        if let local = store.source as? LocalLogdirSource {
            return runs.map { (run: $0, directory: $0 == "." ? local.root : (local.root as NSString).appendingPathComponent($0)) }
        }
        guard !store.root.hasPrefix("s3://") else { return [] }
        return ((try? store.source.listRuns()) ?? []).compactMap { listing in
            guard let file = listing.files.first?.path, !file.contains("://") else { return nil }
            return (run: listing.name, directory: (file as NSString).deletingLastPathComponent)
        }
    }

    /// The entries of one config; an entry whose paths are refused is left out with a problem
    /// naming it, and the others are kept.
    static func entries(ofConfig config: String, run: String, directory: String, problems: inout [String]) throws -> [Entry] {
        // The config itself may be a symbolic link: only one inside the run's directory is read.
        let bytes = try bytes(try ProjectorPath.resolve(configName, field: "the config", in: directory, config: config, line: nil))
        guard let text = String(validating: bytes, as: UTF8.self) else {
            throw ProjectorFileError(file: config, line: nil, message: "is not UTF-8 text")
        }
        var found: [Entry] = []
        for item in try ProjectorConfigText.entries(text, file: config) {
            do {
                guard let tensorPath = item.tensorPath else {
                    throw ProjectorFileError(file: config, line: item.line, message:
                        "embedding \(item.tensorName.debugDescription) has no tensor_path (embeddings read from a TensorFlow checkpoint are not supported)")
                }
                func resolve(_ path: String, _ field: String) throws -> String {
                    try ProjectorPath.resolve(path, field: field, in: directory, config: config, line: item.line)
                }
                if let size = item.spriteImageSize.isEmpty ? nil : item.spriteImageSize, size.count != 2 || size.contains(where: { $0 <= 0 }) {
                    throw ProjectorFileError(file: config, line: item.line, message: "sprite single_image_dim should be two positive sizes, got \(size)")
                }
                if item.spritePath != nil, item.spriteImageSize.isEmpty {
                    throw ProjectorFileError(file: config, line: item.line, message: "sprite has an image_path but no single_image_dim")
                }
                found.removeAll { $0.name == item.tensorName }
                found.append(Entry(
                    run: run, name: item.tensorName, tensorFile: try resolve(tensorPath, "tensor_path"),
                    metadataFile: try item.metadataPath.map { try resolve($0, "metadata_path") },
                    spriteFile: try item.spritePath.map { try resolve($0, "sprite image_path") },
                    spriteImageSize: item.spritePath == nil ? nil : item.spriteImageSize))
            } catch {
                problems.append("run \(run.debugDescription): \(error)")
            }
        }
        return found
    }
}
