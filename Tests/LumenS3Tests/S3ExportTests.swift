import Foundation
import LumenBoard
import LumenTestSupport
import Testing
@testable import LumenS3

/// `LogTable` (what `lumen export` writes) over S3-compatible storage (moto).
@Suite("Every point out of an s3:// log directory",
       .enabled(if: MotoServer.isInstalled, Comment(rawValue: MotoServer.notInstalledMessage)))
struct S3ExportTests {
    @Test("An s3:// log directory exports the same rows as the local directory it was uploaded from; CSV bytes too")
    func sameRowsAsLocal() throws {
        let storage = try S3TestStorage()
        defer { storage.stop() }
        let local = temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: local) }
        try writeRun(local + "/a", points: 300)
        try writeRun(local + "/b/c", from: 7, points: 40)
        try storage.upload(directory: local, to: "exp")

        let fromS3 = try LogTable(logdir: "s3://\(storage.bucket)/exp", source: { _ in storage.source(prefix: "exp") })
        let fromDisk = try LogTable(logdir: local)
        let rows = try fromS3.scalarRows()
        #expect(rows.count == 340)
        #expect(rows == (try fromDisk.scalarRows()))
        #expect(try fromS3.runs().map(\.name) == ["a", "b/c"])

        let s3CSV = temporaryDirectory() + "/s3.csv", localCSV = temporaryDirectory() + "/local.csv"
        try LogTableWriter(format: .csv, kind: .scalars, output: TableOutput(path: s3CSV)).write(fromS3)
        try LogTableWriter(format: .csv, kind: .scalars, output: TableOutput(path: localCSV)).write(fromDisk)
        #expect(try Data(contentsOf: URL(fileURLWithPath: s3CSV)) == Data(contentsOf: URL(fileURLWithPath: localCSV)))
    }

    @Test("A --logdir-spec mixing a local and an s3:// directory names each run with its entry's name")
    func mixedSpec() throws {
        let storage = try S3TestStorage()
        defer { storage.stop() }
        let local = temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: local) }
        try writeRun(local + "/uploaded/run", points: 12)
        try writeRun(local + "/kept", points: 5)
        try storage.upload(directory: local + "/uploaded", to: "remote")
        let spec = try LogdirSpec(parsing: "cloud:s3://\(storage.bucket)/remote,disk:\(local)/kept")
        let table = try LogTable(spec: spec) { path -> any LogdirSource in
            S3Location.isS3URL(path) ? storage.source(prefix: "remote") : LocalLogdirSource(root: path)
        }
        let rows = try table.scalarRows()
        #expect(Dictionary(grouping: rows, by: { $0.run }).mapValues { $0.count } == ["cloud/run": 12, "disk": 5])
    }

    @Test("A missing bucket, and an object deleted after the listing, stop the export with the bucket, key and status")
    func unreadable() throws {
        let storage = try S3TestStorage()
        defer { storage.stop() }
        let missing = try LogTable(logdir: "s3://no-such-bucket/x", source: { _ in
            S3LogdirSource(place: S3Location(bucket: "no-such-bucket", prefix: "x"), client: storage.client)
        })
        let listingError = #expect(throws: LogTableError.self) { try missing.scalarRows() }
        #expect(listingError?.description.contains("S3 LIST s3://no-such-bucket/x/ failed: HTTP 404 NoSuchBucket") == true)

        let local = temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: local) }
        let path = try writeRun(local + "/run", points: 3)
        let key = "gone/run/" + URL(fileURLWithPath: path).lastPathComponent
        try storage.upload(file: path, as: key)
        let source = DeletingAfterListing(inner: storage.source(prefix: "gone"), bucket: storage.bucket, key: key)
        let table = try LogTable(logdir: "s3://\(storage.bucket)/gone", source: { _ in source })
        let readError = #expect(throws: LogTableError.self) { try table.scalarRows() }
        #expect(readError?.description.contains("HTTP 404") == true)
        #expect(readError?.description.contains(key) == true)
    }
}

/// An S3 log directory whose object `key` is deleted right after each listing, before it is read.
private struct DeletingAfterListing: LogdirSource {
    let inner: S3LogdirSource
    let bucket: String
    let key: String

    var location: String { inner.location }

    func listRuns() throws -> [LogdirRunListing] {
        let runs = try inner.listRuns()
        try inner.client.deleteObject(bucket: bucket, key: key)
        return runs
    }

    func open(_ path: String) throws -> any EventFileBytes { try inner.open(path) }
}
