import Foundation
import LumenTestSupport
import Testing
@testable import LumenBoard

/// Loading reads records outside the run's lock, so the board answers while a run loads.
@Suite("Loading a run without holding its lock")
struct RunStoreLoadingTests {
    /// Bytes of garbage in front of the intact records: several loading batches' worth.
    static let garbageBytes = 3 * Int(RunStore.batchBytes)

    @Test("The run's content can be read while a long search through damage is under way")
    func readableDuringResync() throws {
        var state: UInt64 = 11
        let garbage = (0..<Self.garbageBytes).map { _ -> UInt8 in
            state = state &* 6_364_136_223_846_793_005 &+ 1
            return UInt8(truncatingIfNeeded: state >> 40)
        }
        let before = WireBytes.scalarEvent(step: 0, tag: Array("loss".utf8), value: 1)
        let after = WireBytes.scalarEvent(step: 1, tag: Array("loss".utf8), value: 2)
        let dir = temporaryDirectory()
        let file = dir + "/events.out.tfevents.1700000000.damaged"
        writeFile(framed([before]) + garbage + framed([after]), to: file)

        let run = RunStore(name: ".")
        let readsDuringSearch = ReadLog()
        run.betweenBatches = { unreadable in
            guard unreadable > 0 else { return }
            // Read from another thread while this one is mid-search: if the load held the
            // run's lock, the read could not finish until the load did.
            let answered = DispatchSemaphore(value: 0)
            Thread.detachNewThread {
                readsDuringSearch.append(run.read { $0.scalars["loss"]?.count ?? 0 })
                answered.signal()
            }
            if answered.wait(timeout: .now() + 120) == .timedOut { readsDuringSearch.append(-1) }
        }
        run.load(files: [file])
        let seen = readsDuringSearch.values
        #expect(seen.count >= 2, "the search paused \(seen.count) times in \(Self.garbageBytes) bytes")
        #expect(!seen.contains(-1), "a read waited for the load")
        #expect(seen.allSatisfy { $0 == 1 }, "the point before the damage is visible during the search: \(seen)")
        #expect(run.read { $0.scalars["loss"]?.count } == 2)
        #expect(run.read { $0.damage.map(\.offset) } == [Int64(before.count + 16)])
    }

    @Test("Records are published in batches while a long file loads")
    func publishedInBatches() throws {
        let records = (0..<(RunStore.batchRecords * 2 + 10)).map {
            WireBytes.scalarEvent(step: Int64($0), tag: Array("loss".utf8), value: 1)
        }
        let (_, file) = runDirectory(records: records)
        let run = RunStore(name: ".")
        let counts = ReadLog()
        run.betweenBatches = { _ in counts.append(run.read { $0.scalars["loss"]?.count ?? 0 }) }
        run.load(files: [file])
        #expect(counts.values == [RunStore.batchRecords, 2 * RunStore.batchRecords, records.count])
        #expect(run.read { $0.scalars["loss"]?.count } == records.count)
    }

    @Test("More tags than the loader keeps at hand, restarts, and events left to the full decoder keep every tag's points in order")
    func stagedPointsKeepOrder() throws {
        var records: [[UInt8]] = []
        var expected: [String: [(step: Int64, value: Float)]] = [:]
        func add(step: Int64, tag: String, value: Float, decoderOnly: Bool = false) {
            var event = WireBytes.scalarEvent(step: step, tag: Array(tag.utf8), value: value)
            if decoderOnly { event += WireBytes.key(99, 0) + WireBytes.varint(1) }  // a field the fast path leaves alone
            records.append(event)
            expected[tag, default: []].removeAll { $0.step >= step }
            expected[tag, default: []].append((step, value))
        }
        let tags = (0..<(StagedScalars.capacity + 4)).map { "tag\($0)" }
        for step in Int64(0)..<300 {
            for (i, tag) in tags.enumerated() where (step + Int64(i)) % 3 != 0 {
                add(step: step, tag: tag, value: Float(step) + Float(i) / 100, decoderOnly: step % 50 == 7 && i % 4 == 0)
            }
            if step == 200 {
                for tag in tags.prefix(3) { add(step: 150, tag: tag, value: -1) }  // resumed from a checkpoint
            }
        }
        records.append(WireBytes.bytes(7, WireBytes.key(1, 0) + WireBytes.varint(1)) + WireBytes.key(2, 0) + WireBytes.varint(280))  // session_log START: a restart
        for key in expected.keys { expected[key]!.removeAll { $0.step >= 280 } }
        add(step: 280, tag: "tag1", value: 42)
        let (_, file) = runDirectory(records: records)
        let run = RunStore(name: ".")
        run.load(files: [file])
        for (tag, points) in expected {
            let loaded = run.read { content in
                content.scalars[tag].map { series in (0..<series.count).map { (series.step($0), series.value($0)) } } ?? []
            }
            #expect(loaded.map(\.0) == points.map(\.step), "steps of \(tag)")
            #expect(loaded.map(\.1) == points.map(\.value), "values of \(tag)")
        }
    }

    @Test("An event file is not held open between loads unless it ends in a partial record or damage")
    func filesClosedBetweenLoads() throws {
        let (_, file) = runDirectory(records: [WireBytes.scalarEvent(step: 0, tag: Array("a".utf8), value: 1)])
        let run = RunStore(name: ".")
        run.load(files: [file])
        #expect(run.openReaders == 0)
        let partial = framed([WireBytes.scalarEvent(step: 1, tag: Array("b".utf8), value: 1)])
        appendToFile(Array(partial[..<20]), at: file)
        run.load(files: [file])
        #expect(run.openReaders == 1)
        appendToFile(Array(partial[20...]), at: file)
        run.load(files: [file])
        #expect(run.openReaders == 0)
        #expect(run.read { $0.scalars["b"]?.count } == 1)
        appendToFile([0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 1, 2, 3, 4, 5], at: file)
        run.load(files: [file])
        #expect(run.openReaders == 1)
        appendToFile(framed([WireBytes.scalarEvent(step: 1, tag: Array("a".utf8), value: 2)]), at: file)
        run.load(files: [file])
        #expect(run.openReaders == 0)
        #expect(run.read { $0.scalars["a"]?.count } == 2)
        #expect(run.read { $0.damage.count } == 1)
    }
}

/// Values appended from several threads.
final class ReadLog: @unchecked Sendable {
    private let lock = NSLock()
    private var stored: [Int] = []
    func append(_ value: Int) { lock.withLock { stored.append(value) } }
    var values: [Int] { lock.withLock { stored } }
}
