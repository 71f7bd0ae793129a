import Foundation
import LumenBoard
import LumenTestSupport
import Synchronization
import Testing
@testable import LumenS3

/// The board's reader over a real S3-compatible server (moto), started by each test.
@Suite("S3 log directories against a local S3 server",
       .enabled(if: MotoServer.isInstalled, Comment(rawValue: MotoServer.notInstalledMessage)))
struct S3LogdirTests {
    static func points(_ store: LogdirStore, _ run: String) -> Int? {
        store.run(named: run)?.read { $0.scalars["loss"]?.count }
    }

    @Test("Runs written locally, then uploaded, list and read as they do locally; an unchanged reload costs one LIST and no GET")
    func listAndRead() throws {
        let storage = try S3TestStorage()
        defer { storage.stop() }
        let local = temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: local) }
        try writeRun(local + "/a", points: 50)
        try writeRun(local + "/b/c", from: 5, points: 20)
        let writer = try SummaryWriter(logDir: local + "/a")
        try writer.addImage("img", [Float](repeating: 0.5, count: 3 * 4 * 5), shape: [3, 4, 5], step: 1)
        try writer.close()
        try storage.upload(directory: local, to: "exp")

        let source = storage.source(prefix: "exp")
        let store = LogdirStore(source: source)
        store.reload()
        #expect(store.status.problem == nil)
        #expect(store.runNames == ["a", "b/c"])
        #expect(Self.points(store, "a") == 50)
        #expect(Self.points(store, "b/c") == 20)
        #expect(store.run(named: "b/c")?.read { $0.scalars["loss"]?.step(0) } == 5)
        #expect(store.status.loadedBytes == store.status.totalBytes)
        #expect(store.root == "s3://\(storage.bucket)/exp")

        let reference = try #require(store.run(named: "a")?.read { $0.images["img"]?.points.first?.first })
        #expect(reference.path.hasPrefix("s3://\(storage.bucket)/exp/a/"))
        let image = try ImageBlob.read(reference, tag: "img", in: source)
        #expect(image.mimeType == "image/png")

        let before = storage.client.requestCounts
        store.reload()
        let after = storage.client.requestCounts
        #expect(after.list == before.list + 1)
        #expect(after.get == before.get)
        #expect(Self.points(store, "a") == 50)
    }

    @Test("A run that grows while watched: a longer object costs one GET of its new bytes; a new object is read as a new file")
    func growingRun() throws {
        let storage = try S3TestStorage()
        defer { storage.stop() }
        let local = temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: local) }
        let writer = try SummaryWriter(logDir: local + "/run", flushSecs: 3600)
        for step in 0..<10 { writer.addScalar("loss", Double(step), step: step) }
        try writer.flush()
        let path = try #require(writer.eventFilePath)
        let key = "watched/run/" + URL(fileURLWithPath: path).lastPathComponent
        try storage.upload(file: path, as: key)

        let store = LogdirStore(source: storage.source(prefix: "watched"))
        store.reload()
        #expect(Self.points(store, "run") == 10)
        let firstSize = store.status.totalBytes

        for step in 10..<25 { writer.addScalar("loss", Double(step), step: step) }
        try writer.close()
        try storage.upload(file: path, as: key)
        let before = storage.client.requestCounts
        store.reload()
        #expect(store.status.problem == nil)
        #expect(Self.points(store, "run") == 25)
        #expect(storage.client.requestCounts.get == before.get + 1)
        #expect(store.status.totalBytes > firstSize)

        let second = try writeRun(local + "/run", from: 25, points: 5)
        try storage.upload(file: second, as: "watched/run/" + URL(fileURLWithPath: second).lastPathComponent)
        store.reload()
        #expect(Self.points(store, "run") == 30)
        #expect(store.status.files == 2)
    }

    @Test("A truncated object reads up to its last whole record; the rest is read once the whole object is there")
    func truncatedObject() throws {
        let storage = try S3TestStorage()
        defer { storage.stop() }
        let local = temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: local) }
        let path = try writeRun(local, points: 40)
        let size = try #require(try FileManager.default.attributesOfItem(atPath: path)[.size] as? Int)
        let key = "cut/" + URL(fileURLWithPath: path).lastPathComponent
        try storage.upload(file: path, as: key, length: size - 7)

        let store = LogdirStore(source: storage.source(prefix: "cut"))
        store.reload()
        #expect(store.status.problem == nil)
        #expect(Self.points(store, ".") == 39)
        #expect(store.run(named: ".")?.read { $0.damage.isEmpty } == true)

        try storage.upload(file: path, as: key)
        store.reload()
        #expect(Self.points(store, ".") == 40)
    }

    @Test("An object deleted between LIST and GET is an error naming its bucket, key and 404; the rest loads")
    func deletedBetweenListAndGet() throws {
        let storage = try S3TestStorage()
        defer { storage.stop() }
        let local = temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: local) }
        try writeRun(local + "/kept", points: 10)
        try writeRun(local + "/gone", points: 10)
        let keys = try storage.upload(directory: local, to: "logs")
        let source = storage.source(prefix: "logs")
        let listed = try source.listRuns()
        #expect(listed.map(\.name) == ["gone", "kept"])
        let goneKey = try #require(keys.first { $0.hasPrefix("logs/gone/") })
        try storage.client.deleteObject(bucket: storage.bucket, key: goneKey)

        let gone = RunStore(name: "gone"), kept = RunStore(name: "kept")
        let failed = gone.load(files: listed[0].files, from: source)
        let error = try #require(failed.errors.first as? S3Error)
        #expect(error.status == 404)
        #expect(error.bucket == storage.bucket && error.key == goneKey)
        #expect("\(error)".contains("s3://\(storage.bucket)/\(goneKey)") && "\(error)".contains("HTTP 404 NoSuchKey"))
        #expect(failed.consumed == 0)
        #expect(kept.load(files: listed[1].files, from: source).errors.isEmpty)
        #expect(kept.read { $0.scalars["loss"]?.count } == 10)
    }

    @Test("A key the server does not know is refused with 403, named with the bucket and S3's error code")
    func wrongKey() throws {
        let storage = try S3TestStorage(authenticates: true)
        defer { storage.stop() }
        let client = S3Client(configuration: S3TestStorage.configuration(endpoint: storage.server.endpoint, accessKeyID: "AKIAWRONGKEY0000000"))
        let store = LogdirStore(source: S3LogdirSource(place: S3Location(bucket: "private-logs", prefix: "exp"), client: client))
        store.reload()
        let problem = try #require(store.status.problem)
        #expect(problem.hasPrefix("S3 LIST s3://private-logs/exp/ failed: HTTP 403 InvalidAccessKeyId"))
        #expect(store.status.loaded && store.runNames.isEmpty)
    }

    @Test("A missing bucket and an unreachable endpoint are one clear problem each")
    func missingBucketAndUnreachableEndpoint() throws {
        let storage = try S3TestStorage()
        defer { storage.stop() }
        let missing = LogdirStore(source: S3LogdirSource(place: S3Location(bucket: "no-such-bucket", prefix: ""), client: storage.client))
        missing.reload()
        #expect(missing.status.problem?.hasPrefix("S3 LIST s3://no-such-bucket failed: HTTP 404 NoSuchBucket") == true)

        let port = try MotoServer.freePort()
        let nowhere = S3Client(configuration: S3TestStorage.configuration(endpoint: "http://127.0.0.1:\(port)", maxAttempts: 2))
        let unreachable = LogdirStore(source: S3LogdirSource(place: S3Location(bucket: "logs", prefix: "x"), client: nowhere))
        unreachable.reload()
        #expect(unreachable.status.problem?.hasPrefix("S3 LIST s3://logs/x/ failed: cannot reach http://127.0.0.1:\(port)") == true)
        #expect(nowhere.requestCounts.list == 2)
    }

    @Test("Over 1,000 keys: one LIST page per 1,000, and a reload of the unchanged logdir sends no GET")
    func unchangedReloadOfManyObjects() throws {
        let storage = try S3TestStorage()
        defer { storage.stop() }
        let local = temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: local) }
        let path = try writeRun(local, points: 2)
        let bytes = Array(try Data(contentsOf: URL(fileURLWithPath: path)))
        let objects = 1_050
        let failures = Atomic(0)
        DispatchQueue.concurrentPerform(iterations: 8) { worker in
            for i in stride(from: worker, to: objects, by: 8) {
                let key = String(format: "many/run%02d/events.out.tfevents.%04d.host", i % 30, i)
                do { try storage.client.putObject(bucket: storage.bucket, key: key, body: bytes) } catch { failures.add(1, ordering: .relaxed) }
            }
        }
        #expect(failures.load(ordering: .relaxed) == 0)
        let store = LogdirStore(source: storage.source(prefix: "many"))
        let start = storage.client.requestCounts
        store.reload()
        let first = storage.client.requestCounts
        #expect(first.list - start.list == 2)
        #expect(first.get - start.get == objects)
        #expect(store.status.files == objects && store.runNames.count == 30)
        #expect(store.runNames.reduce(0) { $0 + (Self.points(store, $1) ?? 0) } == 30 * 2)
        store.reload()
        let second = storage.client.requestCounts
        #expect(second.list - first.list == 2)
        #expect(second.get == first.get)
    }
}

@Suite("SummaryWriter into S3-compatible storage",
       .enabled(if: MotoServer.isInstalled, Comment(rawValue: MotoServer.notInstalledMessage)))
struct S3WriterTests {
    @Test("Each flush uploads the records since the last as the next object; close() loses nothing; the board reads the run in order")
    func flushesBecomeObjects() throws {
        let storage = try S3TestStorage()
        defer { storage.stop() }
        let writer = try SummaryWriter(logDir: "s3://\(storage.bucket)/written/run", flushSecs: 3600,
                                       storage: S3EventStorage(client: storage.client))
        for step in 0..<30 { writer.addScalar("loss", Double(step), step: step) }
        writer.addScalars("pair", ["a": 1, "b": 2], step: 0)
        try writer.flush()
        let file = try #require(writer.eventFilePath)
        #expect(file.hasPrefix("s3://\(storage.bucket)/written/run/events.out.tfevents."))
        let afterFlush = try storage.client.listObjects(bucket: storage.bucket, prefix: "written/").map(\.key)
        #expect(afterFlush.filter { $0.hasPrefix("written/run/events") }.count == 1)
        #expect(afterFlush.contains { $0.hasPrefix("written/run/pair_a/events.out.tfevents.") && $0.hasSuffix(".000001") })

        let store = LogdirStore(source: storage.source(prefix: "written"))
        store.reload()
        #expect(store.run(named: "run")?.read { $0.scalars["loss"]?.count } == 30)

        for step in 30..<45 { writer.addScalar("loss", Double(step), step: step) }
        try writer.close()
        let keys = try storage.client.listObjects(bucket: storage.bucket, prefix: "written/run/events").map(\.key)
        let base = String(file.dropFirst("s3://\(storage.bucket)/".count))
        #expect(keys == [base + ".000001", base + ".000002"])
        store.reload()
        #expect(store.status.problem == nil)
        #expect(store.run(named: "run")?.read { $0.scalars["loss"]?.count } == 45)
        #expect(store.run(named: "run")?.read { $0.scalars["loss"]?.step(44) } == 44)
        #expect(store.run(named: "run/pair_b")?.read { $0.scalars["pair"]?.count } == 1)
    }

    @Test("A failed upload is thrown by close(), naming the object")
    func failedUpload() throws {
        let storage = try S3TestStorage()
        defer { storage.stop() }
        let writer = try SummaryWriter(logDir: "s3://no-such-bucket/run", flushSecs: 3600, storage: S3EventStorage(client: storage.client))
        writer.addScalar("loss", 1, step: 0)
        let error = #expect(throws: EventFileError.self) { try writer.close() }
        guard case .writeFailed(let path, let reason)? = error else { Issue.record("wrong error \(String(describing: error))"); return }
        #expect(path.hasPrefix("s3://no-such-bucket/run/events.out.tfevents.") && path.hasSuffix(".000001"))
        #expect(reason.contains("HTTP 404 NoSuchBucket"))
    }

    @Test("An s3:// log directory without S3 storage is refused with a clear reason")
    func s3WithoutStorage() {
        let error = #expect(throws: EventFileError.self) { try SummaryWriter(logDir: "s3://logs/run") }
        #expect(error?.description.contains("pass the storage for it, e.g. LumenS3's S3EventStorage") == true)
    }
}
