import Foundation
import LumenTestSupport
import Testing
@testable import LumenBoard

/// Damaged event files of every kind a disk or a writer leaves: the loader never crashes,
/// names the file and offset of each damage, and keeps every point it can recover.
@Suite("Damage corpus: truncation, bit flips, huge lengths, odd steps and wall times, odd tags")
struct DamageCorpusTests {
    static let count = 12

    /// A small valid file: the version record, then `count` scalar events at steps 0…count-1.
    static func smallFile() throws -> (bytes: [UInt8], ends: [Int]) {
        var version = TBEvent()
        version.fileVersion = "brain.Event:2"
        var records = [try version.serializedBytes() as [UInt8]]
        records += (0..<count).map { WireBytes.scalarEvent(step: Int64($0), tag: Array("loss".utf8), value: Float($0)) }
        var ends: [Int] = []
        var at = 0
        for record in records { at += record.count + 16; ends.append(at) }
        return (framed(records), ends)
    }

    static func steps(_ run: RunStore?) -> [Int64] {
        run?.read { content in content.scalars["loss"].map { s in (0..<s.count).map { s.step($0) } } ?? [] } ?? []
    }

    @Test("Truncated at every offset: every whole record is kept, no damage, the rest resumes when appended")
    func truncationAtEveryOffset() throws {
        let (bytes, ends) = try Self.smallFile()
        let dir = temporaryDirectory()
        let file = dir + "/events.out.tfevents.1700000000.cut"
        for cut in 0...bytes.count {
            writeFile(Array(bytes[..<cut]), to: file)
            let store = LogdirStore(root: dir)
            store.reload()
            let whole = ends.dropFirst().filter { $0 <= cut }.count
            let run = store.run(named: ".")
            #expect(Self.steps(run) == (0..<Int64(whole)).map { $0 }, "cut at \(cut)")
            #expect(run?.read { $0.damage.isEmpty } ?? true, "a partial last record is not damage (cut at \(cut))")
            appendToFile(Array(bytes[cut...]), at: file)
            store.reload()
            #expect(Self.steps(store.run(named: ".")) == (0..<Int64(Self.count)).map { $0 }, "resumed after cut at \(cut)")
        }
    }

    @Test("A bit flipped anywhere costs exactly the record it is in, reported at that record's offset")
    func bitFlipEverywhere() throws {
        let (bytes, ends) = try Self.smallFile()
        let dir = temporaryDirectory()
        let file = dir + "/events.out.tfevents.1700000000.flip"
        for position in bytes.indices {
            var damaged = bytes
            damaged[position] ^= UInt8(1 << (position % 8))
            writeFile(damaged, to: file)
            let record = ends.firstIndex { position < $0 }!
            let recordStart = record == 0 ? 0 : ends[record - 1]
            let run = loadRun(dir)
            let expected = (0..<Int64(Self.count)).filter { $0 != Int64(record - 1) }
            #expect(Self.steps(run) == expected, "flip at \(position)")
            let damage = run?.read { $0.damage } ?? []
            #expect(damage.count == 1 && damage[0].offset == Int64(recordStart) && damage[0].path == file,
                    "flip at \(position): \(damage)")
        }
    }

    @Test("A header claiming a huge length, with a valid checksum, hides none of the records after it",
          arguments: [UInt64(Int32.max), UInt64(Int32.max) + 1, UInt64.max])
    func hugeLength(_ length: UInt64) throws {
        let (bytes, ends) = try Self.smallFile()
        var header: [UInt8] = []
        RecordFraming.appendLittleEndian(length, to: &header)
        RecordFraming.appendLittleEndian(header.withUnsafeBytes { CRC32C.maskedChecksum($0) }, to: &header)
        let middle = ends[Self.count / 2]
        let dir = temporaryDirectory("hugeLength\(length)")
        let file = dir + "/events.out.tfevents.1700000000.huge"
        writeFile(Array(bytes[..<middle]) + header + [1, 2, 3] + Array(bytes[middle...]), to: file)
        let run = loadRun(dir)
        #expect(Self.steps(run) == (0..<Int64(Self.count)).map { $0 })
        let damage = run?.read { $0.damage } ?? []
        #expect(damage.map(\.offset) == [Int64(middle)])
        #expect(damage.first?.description.contains("\(file): bad length checksum at offset \(middle)") == true)
    }

    @Test("Huge, negative and extreme steps are kept under the restart rule without overflow")
    func extremeSteps() throws {
        let steps: [Int64] = [.min + 1, -(1 << 62), -1, 0, 1, 1 << 62, .max - 1, .max]
        let records = steps.map { WireBytes.scalarEvent(step: $0, tag: Array("loss".utf8), value: 1) }
        let (dir, _) = runDirectory(records: records)
        let run = try #require(loadRun(dir))
        #expect(Self.steps(run) == steps)
        run.read { content in
            let series = content.scalars["loss"]!
            #expect(series.index(ofFirstStepAtLeast: .min) == 0)
            #expect(series.index(ofFirstStepAtLeast: .max) == steps.count - 1)
            #expect(series.index(ofFirstStepAtLeast: 0) == 3)
        }
        // A point at the smallest step is a restart that supersedes everything before it.
        let (restartDir, _) = runDirectory(records: records + [WireBytes.scalarEvent(step: .min, tag: Array("loss".utf8), value: 2)], name: "restart")
        #expect(Self.steps(loadRun(restartDir)) == [.min])
    }

    @Test("Non-finite and far-off wall times are kept exactly, each point its own")
    func nonFiniteWallTimes() throws {
        let wallTimes: [Double] = [.nan, .infinity, -.infinity, 1e300, -1e10, 1_700_000_000.0, 0, .leastNonzeroMagnitude]
        let records = wallTimes.enumerated().map { WireBytes.scalarEvent(step: Int64($0.offset), wallTime: $0.element, tag: Array("loss".utf8), value: 1) }
        let (dir, _) = runDirectory(records: records)
        let kept = try #require(loadRun(dir)).read { content in
            content.scalars["loss"].map { s in (0..<s.count).map { s.wallTime($0).bitPattern } } ?? []
        }
        #expect(kept == wallTimes.map(\.bitPattern))
    }

    @Test("Tags of 64 KiB, with non-ASCII letters, are kept whole; a tag that is not UTF-8 is damage named by offset")
    func longAndOddTags() throws {
        let long = String(repeating: "é", count: 32_768)
        let records = [
            WireBytes.scalarEvent(step: 0, tag: Array(long.utf8), value: 1),
            WireBytes.scalarEvent(step: 1, tag: [0x80] + Array(long.utf8), value: 2),
            WireBytes.scalarEvent(step: 2, tag: Array(long.utf8), value: 3),
        ]
        let (dir, file) = runDirectory(records: records)
        let run = try #require(loadRun(dir))
        let (tags, count, damage) = run.read { ($0.scalars.keys.sorted(), $0.scalars[long]?.count, $0.damage) }
        #expect(tags == [long])
        #expect(count == 2)
        #expect(damage.map(\.offset) == [Int64(records[0].count + 16)])
        #expect(damage.first?.description.hasPrefix("\(file): record at offset \(records[0].count + 16) is not an Event message") == true)
    }

    @Test("A file of nothing but garbage, or empty, loads as an empty run with its damage named")
    func garbageOnly() throws {
        var state: UInt64 = 5
        let noise = (0..<100_000).map { _ -> UInt8 in
            state = state &* 6_364_136_223_846_793_005 &+ 1
            return UInt8(truncatingIfNeeded: state >> 40)
        }
        let dir = temporaryDirectory()
        writeFile(noise, to: dir + "/events.out.tfevents.1700000000.noise")
        writeFile([], to: dir + "/events.out.tfevents.1700000001.empty")
        let run = try #require(loadRun(dir))
        #expect(run.read { $0.scalarPoints } == 0)
        let damage = run.read { $0.damage }
        #expect(damage.count == 1 && damage[0].offset == 0 && damage[0].path == dir + "/events.out.tfevents.1700000000.noise", "\(damage)")
    }
}
