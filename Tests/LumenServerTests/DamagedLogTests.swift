import Foundation
import HummingbirdTesting
import LumenBoard
@testable import LumenServer
import LumenTestSupport
import Testing

/// A corpus of damaged event files: the loader never crashes, and every intact record before
/// and after the damage is recovered wherever the framing allows.
@Suite("Loading damaged and growing event files")
struct DamagedLogTests {
    static let count = 300

    /// A valid event file of `count` scalar events (steps 0…count-1), and its record offsets.
    static func intactFile() throws -> (bytes: [UInt8], offsets: [Int]) {
        let dir = temporaryDirectory()
        let writer = try SummaryWriter(logDir: dir)
        for step in 0..<count { writer.addScalar("loss", Double(step), step: step) }
        try writer.close()
        let path = dir + "/" + (try FileManager.default.contentsOfDirectory(atPath: dir).first!)
        let bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
        var offsets: [Int] = []
        var at = 0
        while at < bytes.count {
            offsets.append(at)
            let length = bytes[at..<at + 8].enumerated().reduce(0) { $0 | Int($1.element) << (8 * $1.offset) }
            at += 16 + length
        }
        return (bytes, Array(offsets.dropFirst()))  // the first record is the file version
    }

    static func load(_ bytes: [UInt8]) -> (steps: [Int64], damage: Int) {
        let dir = temporaryDirectory()
        _ = FileManager.default.createFile(atPath: dir + "/events.out.tfevents.damaged", contents: Data(bytes))
        let store = LogdirStore(root: dir)
        store.reload()
        return store.run(named: ".")?.read { content in
            let s = content.scalars["loss"]
            return ((0..<(s?.count ?? 0)).map { s!.step($0) }, content.damage.count)
        } ?? ([], 0)
    }

    @Test("/api/status names the damage of every damaged run, up to 50 places per run")
    func statusDamagePerRun() async throws {
        let (bytes, offsets) = try Self.intactFile()
        let root = temporaryDirectory()
        var damaged = bytes
        for offset in offsets.prefix(60) { damaged[offset + 12] ^= 0xFF }   // run0: 60 bad data checksums
        let strayByte = Array(bytes[..<offsets[1]]) + [0x55] + Array(bytes[offsets[1]...])   // the others: one each
        for run in 0..<60 {
            try FileManager.default.createDirectory(atPath: root + "/run\(run)", withIntermediateDirectories: true)
            _ = FileManager.default.createFile(atPath: root + "/run\(run)/events.out.tfevents.x", contents: Data(run == 0 ? damaged : strayByte))
        }
        try await withBoard(loadedAPI(root)) { client in
            let status = try #require(try await client.json("/api/status").body as? [String: Any])
            let damage = try #require(status["damage"] as? [String])
            #expect(status["problem"] is NSNull && status["loaded"] as? Bool == true)
            let namedRuns = Set(damage.compactMap { entry in (0..<60).first { entry.contains("/run\($0)/") } })
            #expect(namedRuns.count == 60, "\(namedRuns.count) of 60 damaged runs named")
            #expect(damage.filter { $0.contains("/run0/") }.count == 50)
        }
    }

    @Test("Truncated anywhere: every record before the cut is read, none invented")
    func truncations() throws {
        let (bytes, offsets) = try Self.intactFile()
        for cut in stride(from: 0, to: bytes.count, by: 97) {
            let complete = offsets.enumerated().filter { i, offset in
                (i + 1 < offsets.count ? offsets[i + 1] : bytes.count) <= cut
            }.count
            let (steps, damage) = Self.load(Array(bytes[..<cut]))
            #expect(steps == (0..<Int64(complete)).map { $0 }, "cut at \(cut)")
            #expect(damage == 0, "a partial last record is not damage (cut at \(cut))")
        }
    }

    @Test("A flipped byte costs at most the record it is in")
    func flippedBytes() throws {
        let (bytes, _) = try Self.intactFile()
        var state: UInt64 = 2024
        for _ in 0..<60 {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            let position = Int(state >> 33) % bytes.count
            var damaged = bytes
            damaged[position] ^= UInt8(1 << (state >> 60 & 7))
            let (steps, _) = Self.load(damaged)
            #expect(steps.count >= Self.count - 1, "flip at \(position): \(steps.count) of \(Self.count) recovered")
        }
    }

    @Test("Garbage between records and a garbage file named like an event file are skipped")
    func garbage() throws {
        let (bytes, offsets) = try Self.intactFile()
        let middle = offsets[Self.count / 2]
        var noise = [UInt8](repeating: 0, count: 5_000)
        var state: UInt64 = 7
        for i in noise.indices {
            state = state &* 6_364_136_223_846_793_005 &+ 1
            noise[i] = UInt8(truncatingIfNeeded: state >> 40)
        }
        let (steps, damage) = Self.load(Array(bytes[..<middle]) + noise + Array(bytes[middle...]))
        #expect(steps.count == Self.count && damage == 1)
        #expect(Self.load(noise).steps.isEmpty)
    }

    @Test("A file that grows is read incrementally, a partial record resumed on the next pass")
    func growing() throws {
        let (bytes, offsets) = try Self.intactFile()
        let dir = temporaryDirectory()
        let path = dir + "/events.out.tfevents.growing"
        let store = LogdirStore(root: dir)
        var written = 0
        for cut in [offsets[10] + 5, offsets[100], offsets[200] + 3, bytes.count] {
            if written == 0 {
                _ = FileManager.default.createFile(atPath: path, contents: Data(bytes[..<cut]))
            } else {
                let handle = FileHandle(forWritingAtPath: path)!
                handle.seekToEndOfFile()
                handle.write(Data(bytes[written..<cut]))
                try handle.close()
            }
            written = cut
            store.reload()
        }
        let count = store.run(named: ".")?.read { $0.scalars["loss"]?.count }
        #expect(count == Self.count)
    }
}
