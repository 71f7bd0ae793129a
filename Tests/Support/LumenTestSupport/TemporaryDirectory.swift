import Foundation

/// A new empty directory for one test under the system's temporary folder, named after the
/// test (`name`, the calling function by default) with a random suffix so runs never collide.
///
/// ```swift
/// let logdir = temporaryDirectory()
/// defer { try? FileManager.default.removeItem(atPath: logdir) }
/// ```
public func temporaryDirectory(_ name: String = #function) -> String {
    let safe = name.filter { $0.isLetter || $0.isNumber }
    let path = NSTemporaryDirectory() + "lumen-tests/\(safe)-\(UUID().uuidString.prefix(8))"
    do {
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    } catch {
        fatalError("cannot create the temporary directory \(path): \(error)")
    }
    return path
}
