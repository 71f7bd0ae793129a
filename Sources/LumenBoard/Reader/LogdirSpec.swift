import Foundation

/// Where a board or an export reads from: one log directory, or several named ones as
/// TensorBoard's `--logdir_spec name:path,name:path` gives them.
///
/// Each entry's runs are found as in a single log directory (``LogdirScanner``); a named entry
/// puts its name before each run's name (`name` for the directory itself, `name/sub` for a run
/// in `sub/`), an unnamed one keeps the names relative to its path.
///
/// ### Example
/// ```swift
/// let spec = try LogdirSpec(parsing: "baseline:runs/base,wide:/data/wide")
/// let runs = spec.listing().runs   // "baseline", "baseline/seed1", "wide", …
/// ```
public struct LogdirSpec: Sendable, Equatable, CustomStringConvertible {
    /// One log directory and the name its runs are grouped under.
    public struct Entry: Sendable, Equatable {
        /// The group name, or nil for runs named relative to `path` alone.
        public let name: String?
        /// The directory (or event file) read; URIs (`s3://…`) are kept as written.
        public let path: String

        public init(name: String?, path: String) {
            self.name = name
            self.path = path
        }
    }

    /// What a listing found: the runs of every entry that exists, and what could not be used.
    public struct Listing: Sendable {
        /// Every run, named with its entry's name, sorted by name.
        public var runs: [LogdirScanner.Run] = []
        /// Why entries could not be read (a path that does not exist, …), one line each.
        public var problems: [String] = []
    }

    /// The entries, in the order given.
    public let entries: [Entry]

    /// One log directory, its runs named relative to it (`--logdir`).
    public init(logdir: String) { entries = [Entry(name: nil, path: logdir)] }

    /// The given entries.
    public init(entries: [Entry]) { self.entries = entries }

    /// Parses TensorBoard's `--logdir_spec`: entries separated by commas, each `name:path` or
    /// `path`, by TensorBoard's rules:
    /// - an entry that starts as a URI (`scheme://`, the scheme a letter then letters, digits or
    ///   dots) or with `/`, or holds no `:`, is a path without a name;
    /// - otherwise the text before the first `:` is the name (an empty name is no name) and the
    ///   rest the path, which may hold more colons (`name:/path:with/colons`);
    /// - paths other than URIs have `~` expanded and are made absolute with symbolic links
    ///   resolved; when two entries name the same path, the later name wins.
    ///
    /// On Linux and macOS, as in TensorBoard there, `C:\logs` or `C:/logs` is the path `\logs`
    /// or `/logs` named `C`; TensorBoard on Windows would read a drive letter.
    /// - Throws: ``LogdirSpecError`` for an empty spec, an empty entry or an empty path.
    public init(parsing spec: String) throws {
        var entries: [Entry] = []
        for (index, text) in spec.split(separator: ",", omittingEmptySubsequences: false).enumerated() {
            let specification = String(text)
            var name: String?
            var path = specification
            if !Self.isURI(specification), !specification.hasPrefix("/"),
               let colon = specification.firstIndex(of: ":") {
                let given = String(specification[..<colon])
                name = given.isEmpty ? nil : given
                path = String(specification[specification.index(after: colon)...])
            }
            guard !path.isEmpty else {
                throw LogdirSpecError.emptyPath(spec: spec, entry: index + 1)
            }
            if !Self.isURI(path) { path = Self.absolute(path) }
            let entry = Entry(name: name, path: path)
            if let same = entries.firstIndex(where: { $0.path == path }) { entries[same] = entry } else { entries.append(entry) }
        }
        self.entries = entries
    }

    /// The runs of every entry, named as described above. An entry whose path does not exist
    /// adds a problem and no runs; a run name found under two entries keeps the first entry's
    /// run and adds a problem naming both paths.
    public func listing() -> Listing {
        let source = SpecLogdirSource(spec: self, sources: entries.map { LocalLogdirSource(root: $0.path) })
        let runs = (try? source.listRuns()) ?? []
        return Listing(runs: runs.map { LogdirScanner.Run(name: $0.name, eventFiles: $0.files.map(\.path)) },
                       problems: source.listingProblems)
    }

    /// The spec as given to `--logdir` (one unnamed entry) or to `--logdir-spec`.
    public var description: String {
        entries.map { entry in entry.name.map { "\($0):\(entry.path)" } ?? entry.path }.joined(separator: ",")
    }

    /// A run's name under `entry`: its name relative to the entry's path, after the entry's name.
    static func runName(_ name: String, in entry: Entry) -> String {
        guard let group = entry.name else { return name }
        return name == "." ? group : group + "/" + name
    }

    /// Whether `text` starts as a URI by TensorBoard's (and TensorFlow's `ParseURI`'s) rule:
    /// `[a-zA-Z][0-9a-zA-Z.]*://`.
    public static func isURI(_ text: String) -> Bool {
        let bytes = Array(text.utf8)
        guard let first = bytes.first, ASCII.isLetter(first) else { return false }
        var i = 1
        while i < bytes.count, ASCII.isLetter(bytes[i]) || ASCII.isDigit(bytes[i]) || bytes[i] == UInt8(ascii: ".") { i += 1 }
        return bytes[i...].starts(with: "://".utf8)
    }

    private static func absolute(_ path: String) -> String {
        URL(fileURLWithPath: (path as NSString).expandingTildeInPath).standardizedFileURL.resolvingSymlinksInPath().path
    }

    private enum ASCII {
        static func isLetter(_ byte: UInt8) -> Bool { (byte | 0x20) >= UInt8(ascii: "a") && (byte | 0x20) <= UInt8(ascii: "z") }
        static func isDigit(_ byte: UInt8) -> Bool { byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") }
    }
}

/// Why a `--logdir-spec` cannot be used.
public enum LogdirSpecError: Error, Equatable, CustomStringConvertible {
    /// Entry `entry` (counting from 1) of `spec` names no path (an empty entry or `name:`).
    case emptyPath(spec: String, entry: Int)

    public var description: String {
        switch self {
        case .emptyPath(let spec, let entry): return "--logdir-spec \"\(spec)\": entry \(entry) has no path"
        }
    }
}
