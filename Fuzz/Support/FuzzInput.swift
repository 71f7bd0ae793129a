import Foundation

/// What every fuzz target shares: the entry point libFuzzer calls, and, in ordinary builds, a
/// `main` that replays saved inputs (a seed corpus or a crash file) through the same check.
///
/// A target is one check over one input. Built with `-sanitize=fuzzer -D LUMEN_FUZZING`
/// (see `Scripts/fuzz.sh`), libFuzzer drives the check; built normally, the executable runs it
/// on every file named on the command line (directories are read file by file), so
/// `swift run fuzz-record-reader Fuzz/Corpus/record-reader` is a regression test.
public enum FuzzInput {
    /// Runs `check` on each file under `paths`, and prints how many inputs passed. A check that
    /// finds a fault stops the program (`preconditionFailure`), naming the input.
    public static func replay(_ paths: [String], check: ([UInt8]) -> Void) {
        var files: [String] = []
        for path in paths {
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
                fatalError("no such input: \(path)")
            }
            if isDirectory.boolValue {
                let names = (try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []
                files += names.sorted().map { path + "/" + $0 }
            } else {
                files.append(path)
            }
        }
        for file in files {
            guard let data = FileManager.default.contents(atPath: file) else { fatalError("cannot read \(file)") }
            FuzzInput.current = file
            check([UInt8](data))
        }
        print("\(files.count) inputs passed")
    }

    /// The input being replayed, for failure messages (nil under libFuzzer, which saves the input itself).
    nonisolated(unsafe) public static var current: String?

    /// Stops the program with `message` and the name of the input being replayed.
    public static func fail(_ message: String) -> Never {
        preconditionFailure(current.map { "\($0): \(message)" } ?? message)
    }
}

/// A file in memory-backed temporary storage that each input is written to, for code that
/// reads from a path. One per process, rewritten for every input.
public final class ScratchFile: Sendable {
    /// The file's path; its name contains `tfevents` so that log readers take it as an event file.
    public let path: String

    /// Creates a scratch folder `name` for this process.
    public init(name: String) {
        let base = FileManager.default.fileExists(atPath: "/dev/shm") ? "/dev/shm" : NSTemporaryDirectory()
        let folder = "\(base)/lumen-fuzz-\(getpid())/\(name)"
        try? FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        path = folder + "/events.out.tfevents.0.fuzz"
    }

    /// The folder holding the file.
    public var folder: String { (path as NSString).deletingLastPathComponent }

    /// Replaces the file's contents with `bytes`.
    public func write(_ bytes: [UInt8]) {
        guard FileManager.default.createFile(atPath: path, contents: Data(bytes)) else {
            fatalError("cannot write \(path)")
        }
    }
}
