import Foundation

/// A profile's `credential_process`: a command, run with `/bin/sh -c`, that prints the
/// credentials as JSON (`Version` 1, `AccessKeyId`, `SecretAccessKey`, optionally
/// `SessionToken` and `Expiration`) on standard output.
public struct ProcessCredentialSource: AWSCredentialSource {
    /// The command line.
    public let command: String
    /// Seconds the command may run before it is stopped and counts as failed.
    public var timeout: Double = 60

    public init(command: String) { self.command = command }

    public var name: String { "credential_process \"\(command)\"" }

    public func fetch() throws -> AWSCredentials {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", command]
        let output = Pipe(), errors = Pipe()
        process.standardOutput = output
        process.standardError = errors
        process.standardInput = FileHandle.nullDevice
        let exited = DispatchSemaphore(value: 0)
        process.terminationHandler = { _ in exited.signal() }
        do { try process.run() } catch { throw AWSCredentialError("\(name) could not be started: \(error)") }
        let read = PipeReader(output), readErrors = PipeReader(errors)
        if exited.wait(timeout: .now() + timeout) == .timedOut {
            kill(process.processIdentifier, SIGKILL)
            exited.wait()
            throw AWSCredentialError("\(name) did not finish within \(Int(timeout)) s")
        }
        let stdout = read.wait(), stderr = String(decoding: readErrors.wait(), as: UTF8.self)
        guard process.terminationStatus == 0 else {
            let detail = stderr.split(separator: "\n").last.map { ": \($0)" } ?? ""
            throw AWSCredentialError("\(name) failed with status \(process.terminationStatus)\(detail)")
        }
        if let object = try? JSONSerialization.jsonObject(with: stdout) as? [String: Any],
           let version = object["Version"] as? Int, version != 1 {
            throw AWSCredentialError("\(name) printed Version \(version); only Version 1 is understood")
        }
        return try AWSCredentials(json: stdout, from: name)
    }
}

/// Everything a pipe delivers, read on a thread of its own so a chatty child never blocks.
private final class PipeReader: @unchecked Sendable {
    private let done = DispatchSemaphore(value: 0)
    private var data = Data()

    init(_ pipe: Pipe) {
        let handle = pipe.fileHandleForReading
        Thread.detachNewThread { [self] in
            data = handle.readDataToEndOfFile()
            done.signal()
        }
    }

    func wait() -> Data {
        done.wait()
        return data
    }
}
