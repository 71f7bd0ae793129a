import Foundation
import LumenBoard
import LumenTestSupport
@testable import LumenS3

/// A moto server with a bucket, and helpers to put local runs into it.
struct S3TestStorage {
    let server: MotoServer
    let client: S3Client
    let bucket: String

    init(authenticates: Bool = false) throws {
        server = try MotoServer(authenticates: authenticates)
        client = S3Client(configuration: Self.configuration(endpoint: server.endpoint))
        bucket = "lumen-" + UUID().uuidString.prefix(8).lowercased()
        if !authenticates { try client.createBucket(bucket) }
    }

    /// A configuration for the local server; moto takes any key unless it authenticates.
    static func configuration(endpoint: String, accessKeyID: String = "testing", maxAttempts: Int = 4) -> S3Configuration {
        var configuration = S3Configuration(endpoint: URL(string: endpoint)!, region: "us-east-1",
                                            credentials: AWSCredentials(accessKeyID: accessKeyID, secretAccessKey: "testing"))
        configuration.maxAttempts = maxAttempts
        return configuration
    }

    /// The log directory `prefix` of the bucket as a source.
    func source(prefix: String) -> S3LogdirSource {
        S3LogdirSource(place: S3Location(bucket: bucket, prefix: prefix), client: client)
    }

    /// Uploads every file under the local directory `directory` to `prefix/` plus its relative
    /// path; returns the keys.
    @discardableResult
    func upload(directory: String, to prefix: String) throws -> [String] {
        var keys: [String] = []
        let root = URL(fileURLWithPath: directory).standardizedFileURL.path
        let enumerator = FileManager.default.enumerator(atPath: root)
        while let relative = enumerator?.nextObject() as? String {
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: root + "/" + relative, isDirectory: &isDirectory), !isDirectory.boolValue else { continue }
            let key = prefix + "/" + relative
            try upload(file: root + "/" + relative, as: key)
            keys.append(key)
        }
        return keys.sorted()
    }

    /// Uploads the local file `path` as `key`, or its first `length` bytes.
    func upload(file path: String, as key: String, length: Int? = nil) throws {
        let bytes = Array(try Data(contentsOf: URL(fileURLWithPath: path)))
        try client.putObject(bucket: bucket, key: key, body: Array(bytes.prefix(length ?? bytes.count)))
    }

    func stop() { server.stop() }
}

/// Writes `points` scalars "loss" at steps `from...` to a run in `directory`, and returns
/// the event file's path once written.
@discardableResult
func writeRun(_ directory: String, from first: Int = 0, points: Int) throws -> String {
    let writer = try SummaryWriter(logDir: directory)
    for step in first..<(first + points) { writer.addScalar("loss", Double(step) / 10, step: step) }
    let path = writer.eventFilePath!
    try writer.close()
    return path
}
