import Foundation
import LumenTestSupport
import Testing

/// The `lumen` command's start-up errors for an `s3://` log directory: one clear line on
/// standard error, no stack trace, a non-zero exit status.
@Suite("lumen's start-up errors for s3:// log directories")
struct S3StartupErrorTests {
    /// The `lumen` executable built beside this test binary.
    static func lumenExecutable() throws -> String {
        let testBinary = try FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")
        var directory = URL(fileURLWithPath: testBinary).deletingLastPathComponent()
        for _ in 0..<4 {
            let candidate = directory.appendingPathComponent("lumen").path
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
            directory.deleteLastPathComponent()
        }
        throw LumenExecutableMissing(description: "no lumen executable beside \(testBinary): build it first (swift build --product lumen)")
    }

    struct LumenExecutableMissing: Error, CustomStringConvertible {
        let description: String
    }

    /// Runs `lumen arguments` with an environment that holds no AWS credentials.
    static func run(_ arguments: [String]) throws -> (status: Int32, output: String, errors: String) {
        let home = temporaryDirectory()
        let process = Process()
        process.executableURL = URL(fileURLWithPath: try lumenExecutable())
        process.arguments = arguments
        process.environment = ["HOME": home, "PATH": "/usr/bin:/bin", "AWS_EC2_METADATA_DISABLED": "true"]
        let output = Pipe(), errors = Pipe()
        process.standardOutput = output
        process.standardError = errors
        try process.run()
        // A start-up error ends the process at once; one that went on serving instead is
        // killed after a generous bound, so the test fails rather than hangs.
        let pid = process.processIdentifier
        DispatchQueue.global().asyncAfter(deadline: .now() + 120) { if process.isRunning { kill(pid, SIGKILL) } }
        let errorBytes = errors.fileHandleForReading.readDataToEndOfFile()
        let outputBytes = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: outputBytes, as: UTF8.self), String(decoding: errorBytes, as: UTF8.self))
    }

    @Test("A malformed s3:// URL: one line naming the URL and what is wrong, exit status 1", arguments: [
        (["board", "--port", "0", "--logdir", "s3://"], "Error: malformed S3 URL \"s3://\": it names no bucket"),
        (["export", "--logdir", "s3://Bad_Bucket/exp"],
         "Error: malformed S3 URL \"s3://Bad_Bucket/exp\": \"Bad_Bucket\" is not a bucket name (3 to 63 lowercase letters, digits, dots and hyphens)"),
    ])
    func malformedURL(arguments: [String], expected: String) throws {
        let result = try Self.run(arguments)
        #expect(result.status == 1)
        #expect(result.errors == expected + "\n")
        #expect(result.output.isEmpty)
    }

    @Test("No credentials anywhere: one line saying where they were looked for, exit status 1", arguments: ["board", "export"])
    func missingCredentials(command: String) throws {
        let result = try Self.run(command == "board" ? ["board", "--port", "0", "--logdir", "s3://lumen-logs/exp"]
                                                     : ["export", "--logdir", "s3://lumen-logs/exp"])
        let lines = result.errors.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(result.status == 1)
        #expect(lines.count == 2 && lines[1].isEmpty, "one line, then the end: \(result.errors)")
        #expect(lines.first?.hasPrefix("Error: no S3 credentials: set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY") == true)
        #expect(lines.first?.hasSuffix("(EC2 instance metadata is off: AWS_EC2_METADATA_DISABLED)") == true)
        #expect(result.output.isEmpty)
    }
}
