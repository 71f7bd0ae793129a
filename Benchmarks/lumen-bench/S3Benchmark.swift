import ArgumentParser
import Foundation
import Lumen
import LumenS3
import LumenTestSupport

/// `lumen-bench s3`: loading a large logdir from S3-compatible storage (moto's server on
/// loopback) beside loading it from local disk, and beside TensorBoard on the same `s3://`
/// logdir; then the requests of a reload over an unchanged 1,000-object logdir.
struct S3Benchmark: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "s3",
        abstract: "Load a runs × tags × steps logdir from a local S3 server (moto) and from disk, beside TensorBoard on the same s3:// logdir."
    )

    @Option(help: "Log directory to upload and load; generated with Lumen's SummaryWriter when missing.")
    var logdir = NSTemporaryDirectory() + "lumen-bench-logdir-10x5x200k"
    @Option(help: "Runs to generate.") var runs = 10
    @Option(help: "Scalar tags per run to generate.") var tags = 5
    @Option(help: "Steps per tag to generate.") var steps = 200_000
    @Option(help: "Rounds, alternating the local and the S3 load.") var repeats = 3
    @Option(help: "Objects of the reload measure.") var reloadObjects = 1_000
    @Option(help: "Python with tensorboard and boto3 for the reference.") var python = "python3"
    @Option(help: "Seconds to wait for TensorBoard to load the s3:// logdir before stopping it (0 skips it).")
    var tensorboardTimeout = 900.0
    @Flag(help: "Print one JSON object per measure.") var json = false

    func validate() throws {
        guard repeats > 0 else { throw ValidationError("--repeats must be positive") }
        guard reloadObjects > 0 else { throw ValidationError("--reload-objects must be positive") }
    }

    func run() throws {
        if !FileManager.default.fileExists(atPath: logdir) {
            print("generating \(runs) runs × \(tags) tags × \(steps) steps in \(logdir) …")
            try ScalarLogdir.generate(at: logdir, runs: runs, tags: tags, steps: steps)
        }
        let server = try MotoServer()
        defer { server.stop() }
        var configuration = S3Configuration(endpoint: URL(string: server.endpoint)!, region: "us-east-1",
                                            credentials: AWSCredentials(accessKeyID: "testing", secretAccessKey: "testing"))
        configuration.maxAttempts = 2
        let client = S3Client(configuration: configuration)
        let bucket = "lumen-bench"
        try client.createBucket(bucket)
        let uploaded = try seconds { try Self.upload(directory: logdir, to: "logs", bucket: bucket, client: client) }
        print(String(format: "uploaded %@ to s3://%@/logs on %@ in %.1f s", logdir, bucket, server.endpoint, uploaded))

        var local: [Double] = [], remote: [Double] = []
        var localPoints = 0, remotePoints = 0
        var lastSteps: [String: (tag: String, step: Int64)] = [:]
        for _ in 0..<repeats {
            let localStore = LogdirStore(root: logdir)
            local.append(seconds { localStore.reload() })
            localPoints = Self.points(localStore)
            lastSteps = Self.lastSteps(localStore)
            let source = S3LogdirSource(place: S3Location(bucket: bucket, prefix: "logs"), client: client)
            let remoteStore = LogdirStore(source: source)
            remote.append(seconds { remoteStore.reload() })
            if let problem = remoteStore.status.problem { throw ValidationError("the S3 load failed: \(problem)") }
            remotePoints = Self.points(remoteStore)
        }
        guard localPoints == remotePoints else {
            throw ValidationError("the S3 load found \(remotePoints) points, the local one \(localPoints)")
        }
        local.sort()
        remote.sort()

        let tensorboard = tensorboardTimeout > 0
            ? TensorBoardS3Load.seconds(python: python, logdir: "s3://\(bucket)/logs", endpoint: server.endpoint,
                                        lastSteps: lastSteps, timeout: tensorboardTimeout)
            : .skipped
        let reload = try Self.reloadRequests(objects: reloadObjects, bucket: bucket, client: client)

        let measurements = [
            Measurement(name: "s3_load_s_min", lumen: remote[0], reference: local[0], unit: "s vs disk", higherIsBetter: false),
            Measurement(name: "s3_load_s_median", lumen: median(remote), reference: median(local), unit: "s vs disk", higherIsBetter: false),
            Measurement(name: "s3_load_s_vs_tensorboard", lumen: remote[0], reference: tensorboard.seconds, unit: "s", higherIsBetter: false),
            Measurement(name: "reload_list_requests", lumen: Double(reload.again.list), reference: nil, unit: "requests"),
            Measurement(name: "reload_get_requests", lumen: Double(reload.again.get), reference: nil, unit: "requests"),
        ]
        if json {
            measurements.forEach { print($0.json) }
        } else {
            print("\(localPoints) points from \(lastSteps.count) runs; \(repeats) rounds each, alternating; "
                + "disk \(local.map { String(format: "%.2f", $0) }) s, S3 \(remote.map { String(format: "%.2f", $0) }) s")
            print(String(format: "S3 time / disk time: %.2f× at the minimum, %.2f× at the median (target ≤ 2×)",
                         remote[0] / local[0], median(remote) / median(local)))
            print("TensorBoard (\(python), load_fast=false, boto3) on s3://\(bucket)/logs: \(tensorboard.description)")
            print(Measurement.header)
            measurements.prefix(3).forEach { print($0.row) }
            print("reload of an unchanged \(reloadObjects)-object logdir: first load \(reload.first.list) LIST + \(reload.first.get) GET; "
                + "reload \(reload.again.list) LIST + \(reload.again.get) GET")
        }
    }

    /// Every point a store holds.
    private static func points(_ store: LogdirStore) -> Int {
        store.runNames.reduce(0) { sum, name in sum + (store.run(named: name)?.read { $0.scalarPoints } ?? 0) }
    }

    /// Each run's last tag (by name) and the last step logged for it: what TensorBoard must show
    /// before it counts as loaded.
    private static func lastSteps(_ store: LogdirStore) -> [String: (tag: String, step: Int64)] {
        var result: [String: (tag: String, step: Int64)] = [:]
        for name in store.runNames {
            store.run(named: name)?.read { content in
                if let tag = content.scalars.keys.sorted().last, let column = content.scalars[tag], column.count > 0 {
                    result[name] = (tag, column.step(column.count - 1))
                }
            }
        }
        return result
    }

    /// Uploads every file under `directory` as `prefix/` plus its relative path, four at a time.
    private static func upload(directory: String, to prefix: String, bucket: String, client: S3Client) throws {
        let root = URL(fileURLWithPath: directory).standardizedFileURL.path
        let files = (FileManager.default.subpaths(atPath: root) ?? []).filter { relative in
            var isDirectory: ObjCBool = false
            return FileManager.default.fileExists(atPath: root + "/" + relative, isDirectory: &isDirectory) && !isDirectory.boolValue
        }
        let failures = FailureList()
        DispatchQueue.concurrentPerform(iterations: 4) { worker in
            for index in stride(from: worker, to: files.count, by: 4) {
                do {
                    let bytes = Array(try Data(contentsOf: URL(fileURLWithPath: root + "/" + files[index])))
                    try client.putObject(bucket: bucket, key: prefix + "/" + files[index], body: bytes)
                } catch {
                    failures.add("\(files[index]): \(error)")
                }
            }
        }
        if let first = failures.first { throw ValidationError("upload failed: \(first)") }
    }

    /// The requests of a first load and of a reload of `objects` small event files in 30 runs.
    private static func reloadRequests(objects: Int, bucket: String, client: S3Client) throws
        -> (first: S3RequestCounts, again: S3RequestCounts) {
        let local = NSTemporaryDirectory() + "lumen-bench-s3-small-\(getpid())"
        defer { try? FileManager.default.removeItem(atPath: local) }
        let writer = try SummaryWriter(logDir: local)
        writer.addScalar("loss", 1, step: 0)
        let path = writer.eventFilePath!
        try writer.close()
        let bytes = Array(try Data(contentsOf: URL(fileURLWithPath: path)))
        let failures = FailureList()
        DispatchQueue.concurrentPerform(iterations: 8) { worker in
            for i in stride(from: worker, to: objects, by: 8) {
                let key = String(format: "many/run%02d/events.out.tfevents.%06d.host", i % 30, i)
                do { try client.putObject(bucket: bucket, key: key, body: bytes) } catch { failures.add("\(key): \(error)") }
            }
        }
        if let first = failures.first { throw ValidationError("upload failed: \(first)") }
        let store = LogdirStore(source: S3LogdirSource(place: S3Location(bucket: bucket, prefix: "many"), client: client))
        let start = client.requestCounts
        store.reload()
        let loaded = client.requestCounts
        store.reload()
        let reloaded = client.requestCounts
        if let problem = store.status.problem { throw ValidationError("the reload measure failed: \(problem)") }
        return (S3RequestCounts(list: loaded.list - start.list, get: loaded.get - start.get),
                S3RequestCounts(list: reloaded.list - loaded.list, get: reloaded.get - loaded.get))
    }
}

/// Errors gathered from several threads.
private final class FailureList: @unchecked Sendable {
    private let lock = NSLock()
    private var failures: [String] = []

    func add(_ failure: String) { lock.withLock { failures.append(failure) } }
    var first: String? { lock.withLock { failures.first } }
}

