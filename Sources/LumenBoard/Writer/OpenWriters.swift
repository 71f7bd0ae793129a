import Foundation
import Synchronization

/// Event files not yet closed, flushed when the process exits normally so that the last
/// events of a program that never called `close()` are not lost.
enum OpenWriters {
    private static let writers = Mutex<[ObjectIdentifier: EventFileWriter]>([:])
    private static let installExitHandler: Void = { atexit { OpenWriters.flushAll() } }()

    static func register(_ writer: EventFileWriter) {
        _ = installExitHandler
        writers.withLock { $0[ObjectIdentifier(writer)] = writer }
    }

    static func unregister(_ writer: EventFileWriter) {
        _ = writers.withLock { $0.removeValue(forKey: ObjectIdentifier(writer)) }
    }

    private static func flushAll() {
        for writer in writers.withLock({ Array($0.values) }) {
            do { try writer.flush() } catch {
                FileHandle.standardError.write(Data("lumen: \(error)\n".utf8))
            }
        }
    }
}
