import Foundation
import LumenBoard
import LumenTestSupport
import Testing
@testable import LumenS3

/// Multipart upload against a real S3-compatible server (moto).
@Suite("Multipart upload",
       .enabled(if: MotoServer.isInstalled, Comment(rawValue: MotoServer.notInstalledMessage)))
struct S3MultipartTests {
    @Test("A body in 5 MiB parts reads back whole and in order")
    func partsReadBack() throws {
        let storage = try S3TestStorage()
        defer { storage.stop() }
        let body = (0..<(11 << 20 + 123)).map { UInt8(truncatingIfNeeded: $0 &* 2_654_435_761 >> 13) }
        let before = storage.client.requestCounts
        try storage.client.putObjectInParts(bucket: storage.bucket, key: "big/object", body: body, partSize: S3Client.minimumPartSize)
        #expect(storage.client.requestCounts.put - before.put == 5)  // create, 3 parts, complete
        #expect(try storage.client.getObject(bucket: storage.bucket, key: "big/object") == body)
        #expect(try storage.client.headObject(bucket: storage.bucket, key: "big/object").size == Int64(body.count))
    }

    @Test("A failed upload names the step, bucket and status")
    func failure() throws {
        let storage = try S3TestStorage()
        defer { storage.stop() }
        let error = #expect(throws: S3Error.self) {
            try storage.client.putObjectInParts(bucket: "no-such-bucket", key: "k", body: [1, 2, 3])
        }
        #expect(error?.description.hasPrefix("S3 CreateMultipartUpload s3://no-such-bucket/k failed: HTTP 404") == true)
    }

    @Test("A flush above the threshold is one multipart object; the board reads it in order with one streamed GET")
    func largeFlush() throws {
        let storage = try S3TestStorage()
        defer { storage.stop() }
        let s3 = S3EventStorage(client: storage.client, multipartThreshold: 6 << 20, partSize: S3Client.minimumPartSize)
        let writer = try SummaryWriter(logDir: "s3://\(storage.bucket)/large/run", flushSecs: 3600, storage: s3)
        let texts = (0..<7).map { String(repeating: Character(UnicodeScalar(UInt8(ascii: "a") + UInt8($0))), count: 3 << 20) }
        for (step, text) in texts.enumerated() { writer.addText("notes", text, step: step) }
        let before = storage.client.requestCounts
        try writer.flush()
        #expect(storage.client.requestCounts.put - before.put == 7)  // create, 5 parts of ≤ 5 MiB, complete
        writer.addText("notes", "small", step: 7)
        try writer.close()
        let keys = try storage.client.listObjects(bucket: storage.bucket, prefix: "large/run/").map(\.key)
        #expect(keys.count == 2 && keys[0].hasSuffix(".000001") && keys[1].hasSuffix(".000002"))

        let store = LogdirStore(source: storage.source(prefix: "large"))
        let gets = storage.client.requestCounts.get
        store.reload()
        #expect(store.status.problem == nil)
        // 21 MiB in one streamed GET read 16 MiB at a time, and the small object.
        #expect(storage.client.requestCounts.get - gets == 2)
        let read = store.run(named: "run")?.read { content in
            content.texts["notes/text_summary"].map { ($0.columns.steps, $0.columns.points.map(\.text)) }
        }
        let (steps, values) = try #require(read ?? nil)
        #expect(steps == Array(0...7))
        #expect(values == texts + ["small"])
    }
}
