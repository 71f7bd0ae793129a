import Foundation
import Testing
@testable import LumenBoard

/// The board's loader and `lumen inspect` decide alike which records are events
/// (TensorBoard's protobuf rule), and read a TF2 scalar tensor by one rule.
@Suite("One decoding rule for the board and lumen inspect")
struct DecodingRuleTests {
    /// Records TensorBoard's protobuf decoders reject, each between two good scalar events.
    static let rejected: [(name: String, record: [UInt8])] = [
        ("non-UTF-8 tag", WireBytes.scalarEvent(step: 1, tag: [0x6C, 0xFF, 0xFE], value: 1)),
        ("truncated UTF-8 sequence in tag", WireBytes.scalarEvent(step: 1, tag: [0x61, 0xC3], value: 1)),
        ("UTF-16 surrogate in tag", WireBytes.scalarEvent(step: 1, tag: [0xED, 0xA0, 0x80], value: 1)),
        ("overlong encoding in tag", WireBytes.scalarEvent(step: 1, tag: [0xC0, 0xAF], value: 1)),
        ("non-UTF-8 plugin name", WireBytes.event(step: 1, tag: Array("t".utf8), valueFields:
            WireBytes.float(2, 1) + WireBytes.bytes(9, WireBytes.bytes(1, WireBytes.bytes(1, [0xFF]))))),
        ("non-UTF-8 dimension name in a scalar tensor's shape", WireBytes.tensorEvent(step: 1, tag: "t", tensorFields:
            WireBytes.key(1, 0) + [1] + WireBytes.bytes(2, WireBytes.bytes(2, WireBytes.bytes(2, [0xFF]))) + WireBytes.float(5, 1))),
        ("groups nested 1,000 deep in a scalar tensor's shape", WireBytes.tensorEvent(step: 1, tag: "t", tensorFields:
            WireBytes.key(1, 0) + [1] + WireBytes.bytes(2, WireBytes.nestedGroups(9, depth: 1_000)) + WireBytes.float(5, 1))),
        ("groups nested 1,000 deep beside a simple value", WireBytes.event(step: 1, tag: Array("t".utf8), valueFields:
            WireBytes.float(2, 1) + WireBytes.nestedGroups(20, depth: 1_000))),
        // Found by fuzz-event-decoding: the fast scan took a key cut off at the record's end as its end.
        ("a field key cut off after the summary", WireBytes.scalarEvent(step: 1, tag: Array("t".utf8), value: 1) + [0xA1]),
        ("field number 0 after the summary", WireBytes.scalarEvent(step: 1, tag: Array("t".utf8), value: 1) + [0x00, 0x00]),
        ("a field key longer than 5 bytes", WireBytes.scalarEvent(step: 1, tag: Array("t".utf8), value: 1) + [0xC8, 0x80, 0x80, 0x80, 0x80, 0x00, 0x01]),
        // Found by fuzz-event-decoding: the fast scan took a scalar tensor ending in a field number 0 as ended.
        ("field number 0 at the end of a scalar tensor", WireBytes.tensorEvent(step: 1, tag: "t", tensorFields:
            WireBytes.key(1, 0) + [2] + WireBytes.bytes(2, []) + WireBytes.key(6, 1) + withUnsafeBytes(of: 0.5, Array.init) + [0x00])),
    ]

    @Test("A record TensorBoard's protobuf rejects is damage to both, at its offset, and its neighbours are kept",
          arguments: rejected.indices)
    func rejectedAlike(_ index: Int) throws {
        let (name, bad) = Self.rejected[index]
        let before = WireBytes.scalarEvent(step: 0, tag: Array("loss".utf8), value: 0.5)
        let after = WireBytes.scalarEvent(step: 2, tag: Array("loss".utf8), value: 0.25)
        let (dir, file) = runDirectory(records: [before, bad, after], name: "rejected\(index)")
        let badOffset = Int64(before.count + 16)

        let inspected = try inspect(file)
        #expect(inspected.events.count == 2, "\(name): inspect kept \(inspected.events.count) of 2 events")
        #expect(inspected.damage.map(\.offset) == [badOffset], "\(name)")

        let run = try #require(loadRun(dir))
        let (steps, tags, damage) = run.read { content in
            (content.scalars["loss"].map { s in (0..<s.count).map { s.step($0) } } ?? [], content.scalars.keys.sorted(), content.damage)
        }
        #expect(steps == [0, 2], "\(name)")
        #expect(tags == ["loss"], "\(name): the board shows no tag of the rejected record")
        #expect(damage == inspected.damage, "\(name): board and inspect report the same damage")
        #expect(damage.first?.description.contains(file) == true && damage.first?.description.contains("offset \(badOffset)") == true)
    }

    /// Events the fast path reads, which the full decoder must read to the same values.
    static let accepted: [[UInt8]] = [
        WireBytes.scalarEvent(step: 3, tag: Array("é/ü".utf8), value: 2.5),
        WireBytes.scalarEvent(step: -7, wallTime: .nan, tag: Array("nan".utf8), value: .nan),
        WireBytes.tensorEvent(step: 1, tag: "tf2", tensorFields: WireBytes.key(1, 0) + [1] + WireBytes.float(5, 0.125)),
        WireBytes.tensorEvent(step: 1, tag: "packed", tensorFields: WireBytes.key(1, 0) + [1] + WireBytes.bytes(5, [0, 0, 0, 0x3E])),
        WireBytes.tensorEvent(step: 1, tag: "content", tensorFields: WireBytes.key(1, 0) + [2] + WireBytes.bytes(4, withUnsafeBytes(of: 0.5, Array.init))),
        WireBytes.tensorEvent(step: 1, tag: "int64", tensorFields: WireBytes.key(1, 0) + [9] + WireBytes.key(10, 0) + WireBytes.varint(UInt64(bitPattern: -3))),
        WireBytes.tensorEvent(step: 1, tag: "empty shape", tensorFields: WireBytes.key(1, 0) + [1] + WireBytes.bytes(2, []) + WireBytes.float(5, 4)),
    ]

    @Test("Whatever the fast scalar scan reads, the full decoder reads to the same values")
    func fastPathAgrees() throws {
        for payload in Self.accepted {
            let scan = try #require(payload.withUnsafeBytes { ScalarScan($0) }, "the fast path reads \(payload)")
            let event = try EventDecoding.event(payload, path: "p", offset: 0).get()
            let value = try #require(event.summary.value.first)
            #expect(scan.step == event.step)
            #expect(scan.wallTime.bitPattern == event.wallTime.bitPattern)
            let scanned = try #require(scan.first)
            #expect(String(decoding: scanned.tag, as: UTF8.self) == value.tag)
            let decoded = try #require(SummaryDecoding.scalar(value))
            #expect(scanned.value.bitPattern == decoded.bitPattern || (scanned.value.isNaN && decoded.isNaN))
        }
    }

    /// Scalar events in the layout PyTorch and Lumen write, each at an edge of the one-pass
    /// reader, and events just outside it.
    static let simpleLayouts: [(name: String, payload: [UInt8], onePass: Bool)] = [
        ("step 0 left out", WireBytes.key(1, 1) + withUnsafeBytes(of: 1.7e9, Array.init)
            + WireBytes.bytes(5, WireBytes.bytes(1, WireBytes.bytes(1, Array("loss".utf8)) + WireBytes.float(2, 0.5))), true),
        ("a step of two varint bytes", WireBytes.scalarEvent(step: 300, tag: Array("loss".utf8), value: 1), true),
        ("a negative step, ten varint bytes", WireBytes.scalarEvent(step: -5, tag: Array("loss".utf8), value: -1), true),
        ("the largest step", WireBytes.scalarEvent(step: .max, tag: Array("a/b".utf8), value: 3), true),
        ("an empty tag", WireBytes.scalarEvent(step: 1, tag: [], value: 1), true),
        ("a tag of 118 bytes", WireBytes.scalarEvent(step: 1, tag: Array(repeating: 0x61, count: 118), value: 1), true),
        ("a tag of 119 bytes: the summary's length takes two bytes", WireBytes.scalarEvent(step: 1, tag: Array(repeating: 0x61, count: 119), value: 1), false),
        ("a non-ASCII tag", WireBytes.scalarEvent(step: 1, tag: Array("é".utf8), value: 1), false),
        ("a NaN value and wall time", WireBytes.scalarEvent(step: 2, wallTime: .nan, tag: Array("n".utf8), value: .nan), true),
        ("two values", WireBytes.key(1, 1) + withUnsafeBytes(of: 1.7e9, Array.init) + WireBytes.key(2, 0) + [1]
            + WireBytes.bytes(5, WireBytes.bytes(1, WireBytes.bytes(1, Array("a".utf8)) + WireBytes.float(2, 1))
                + WireBytes.bytes(1, WireBytes.bytes(1, Array("b".utf8)) + WireBytes.float(2, 2))), false),
        ("step before wall time", WireBytes.key(2, 0) + [1] + WireBytes.key(1, 1) + withUnsafeBytes(of: 1.7e9, Array.init)
            + WireBytes.bytes(5, WireBytes.bytes(1, WireBytes.bytes(1, Array("a".utf8)) + WireBytes.float(2, 1))), false),
        ("a TF2 tensor", WireBytes.tensorEvent(step: 1, tag: "t", tensorFields: WireBytes.key(1, 0) + [1] + WireBytes.float(5, 1)), false),
    ]

    @Test("The one-pass reader of PyTorch's and Lumen's scalar events reads what the field-by-field scan reads",
          arguments: simpleLayouts.indices)
    func onePassAgrees(_ index: Int) throws {
        let (name, payload, onePass) = Self.simpleLayouts[index]
        let simple = payload.withUnsafeBytes { ScalarScan.oneSimpleValue($0) }
        #expect((simple != nil) == onePass, "\(name)")
        let event = try EventDecoding.event(payload, path: "p", offset: 0).get()
        let scan = try #require(payload.withUnsafeBytes { ScalarScan($0) }, "\(name)")
        var scanned: [(String, Double)] = []
        scan.forEach { scanned.append((String(decoding: $0, as: UTF8.self), $1)) }
        let decoded = try event.summary.value.map { ($0.tag, try #require(SummaryDecoding.scalar($0))) }
        #expect(scan.step == event.step && scan.wallTime.bitPattern == event.wallTime.bitPattern, "\(name)")
        #expect(scanned.map(\.0) == decoded.map(\.0), "\(name)")
        #expect(zip(scanned, decoded).allSatisfy { $0.1.bitPattern == $1.1.bitPattern || ($0.1.isNaN && $1.1.isNaN) }, "\(name)")
        // Cut short or lengthened by a byte, no layout reads as one simple value.
        for broken in [Array(payload.dropLast()), payload + [0]] {
            #expect(broken.withUnsafeBytes { ScalarScan.oneSimpleValue($0) } == nil, "\(name), \(broken.count) bytes")
        }
    }

    /// Tensors that are not one number of rank 0: no scalar by either path (rustboard's rule).
    static let notScalars: [(name: String, tensor: [UInt8])] = [
        ("two float_val entries", WireBytes.key(1, 0) + [1] + WireBytes.float(5, 1) + WireBytes.float(5, 2)),
        ("rank 1 of size 1", WireBytes.key(1, 0) + [1] + WireBytes.bytes(2, WireBytes.bytes(2, WireBytes.key(1, 0) + [1])) + WireBytes.float(5, 1)),
        ("no value", WireBytes.key(1, 0) + [1]),
        ("content of two floats", WireBytes.key(1, 0) + [1] + WireBytes.bytes(4, [UInt8](repeating: 0, count: 8))),
        ("content too short", WireBytes.key(1, 0) + [1] + WireBytes.bytes(4, [0, 0])),
        ("a string tensor", WireBytes.key(1, 0) + [7] + WireBytes.bytes(8, Array("1".utf8))),
    ]

    @Test("A tensor that is not one rank-0 number is no scalar, by either path", arguments: notScalars.indices)
    func notAScalar(_ index: Int) throws {
        let (name, tensor) = Self.notScalars[index]
        let payload = WireBytes.tensorEvent(step: 1, tag: "t", tensorFields: tensor)
        #expect(payload.withUnsafeBytes { ScalarScan($0) } == nil, "\(name)")
        let event = try EventDecoding.event(payload, path: "p", offset: 0).get()
        #expect(SummaryDecoding.scalar(try #require(event.summary.value.first)) == nil, "\(name)")
        let (dir, _) = runDirectory(records: [payload], name: "notScalar\(index)")
        #expect(try #require(loadRun(dir)).read { $0.scalarPoints } == 0, "\(name)")
    }
}
