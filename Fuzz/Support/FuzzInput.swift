import Foundation

/// What every fuzz target shares: one check over one input, run by libFuzzer in a fuzzing build
/// and over saved inputs (a seed corpus or a crash file) in an ordinary one.
///
/// A target's `main` calls ``run(_:)``. Built with `-sanitize=fuzzer -D LUMEN_FUZZING` (see
/// `Scripts/fuzz.sh`), that hands the check and the command line to libFuzzer's driver; built
/// normally, it runs the check on every file named on the command line (directories are read
/// file by file), so `swift run fuzz-record-reader Fuzz/Corpus/record-reader` is a regression
/// test.
public enum FuzzInput {
    /// Runs `check` under libFuzzer (fuzzing builds) or over the files on the command line.
    public static func run(_ check: @escaping ([UInt8]) -> Void) -> Never {
        #if LUMEN_FUZZING
        FuzzInput.check = check
        var argc = CommandLine.argc
        var argv = CommandLine.unsafeArgv
        exit(LLVMFuzzerRunDriver(&argc, &argv) { data, size in
            FuzzInput.check?(size == 0 ? [] : Array(UnsafeBufferPointer(start: data, count: size)))
            return 0
        })
        #else
        replay(Array(CommandLine.arguments.dropFirst()), check: check)
        exit(0)
        #endif
    }

    #if LUMEN_FUZZING
    nonisolated(unsafe) private static var check: (([UInt8]) -> Void)?
    #endif

    /// Runs `check` on each file under `paths`, and prints how many inputs passed. A check that
    /// finds a fault stops the program (`preconditionFailure`), naming the input.
    static func replay(_ paths: [String], check: ([UInt8]) -> Void) {
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

#if LUMEN_FUZZING
/// libFuzzer's entry point for programs that keep their own `main` (SwiftPM gives every
/// executable one).
@_silgen_name("LLVMFuzzerRunDriver")
private func LLVMFuzzerRunDriver(
    _ argc: UnsafeMutablePointer<Int32>,
    _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>>,
    _ callback: @convention(c) (UnsafePointer<UInt8>?, Int) -> Int32
) -> Int32
#endif
