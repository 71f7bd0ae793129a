import Foundation
@testable import LumenBoard
import LumenTestSupport
import Testing

@Suite("Record framing and reading, including partial and damaged records")
struct RecordFramingTests {
    @Test("Masked CRC of \\x1a\\x11CRC test, one two is 0x5794D08A (TensorBoard's known answer)")
    func maskedKnownAnswer() {
        let bytes: [UInt8] = [0x1A, 0x11] + Array("CRC test, one two".utf8)
        #expect(bytes.withUnsafeBytes { CRC32C.maskedChecksum($0) } == 0x5794_D08A)
        #expect(CRC32C.checksum(Array("123456789".utf8), using: .table) == 0xE306_9283)
        #expect(CRC32C.checksum(Array("123456789".utf8), using: .hardware) == 0xE306_9283)
    }

    @Test("A framed record is length, masked CRC of length, data, masked CRC of data")
    func layout() {
        let bytes = framed([Array("hello".utf8)])
        #expect(bytes.count == 12 + 5 + 4)
        #expect(Array(bytes[0..<8]) == [5, 0, 0, 0, 0, 0, 0, 0])
        let lengthCRC = bytes.withUnsafeBytes { CRC32C.maskedChecksum(UnsafeRawBufferPointer(rebasing: $0[0..<8])) }
        #expect(bytes.withUnsafeBytes { $0.loadUnaligned(fromByteOffset: 8, as: UInt32.self) } == lengthCRC.littleEndian)
        #expect(Array(bytes[12..<17]) == Array("hello".utf8))
    }

    @Test("Records written are read back in order with their offsets")
    func roundTrip() throws {
        let path = temporaryDirectory() + "/records"
        let payloads: [[UInt8]] = [[], [1], Array(repeating: 7, count: 100_000), Array("last".utf8)]
        writeFile(framed(payloads), to: path)
        let reader = try RecordReader(path: path, chunkSize: 4096)
        var got: [[UInt8]] = []
        var offsets: [Int64] = []
        while case .record(let offset, let payload)? = reader.next() {
            got.append(payload)
            offsets.append(offset)
        }
        #expect(got == payloads)
        #expect(offsets == [0, 16, 33, 100_049])
        #expect(reader.pendingBytes == 0)
    }

    @Test("A partial last record is not an error: reading resumes once the rest is appended")
    func partialRecordResumes() throws {
        let path = temporaryDirectory() + "/growing"
        let whole = framed([Array("first".utf8), Array("second record".utf8)])
        let cut = 21 + 10  // inside the second record's payload
        writeFile(Array(whole[0..<cut]), to: path)
        let reader = try RecordReader(path: path)
        guard case .record(_, let first)? = reader.next() else { Issue.record("no first record"); return }
        #expect(first == Array("first".utf8))
        #expect(reader.next() == nil)
        #expect(reader.pendingBytes == 10)
        appendToFile(Array(whole[cut...]), at: path)
        guard case .record(let offset, let second)? = reader.next() else { Issue.record("second record not resumed"); return }
        #expect(offset == 21)
        #expect(second == Array("second record".utf8))
        #expect(reader.next() == nil)
        #expect(reader.pendingBytes == 0)
    }

    @Test("A record with a bad data CRC is reported with file and offset, and the next one is read")
    func badDataChecksum() throws {
        let path = temporaryDirectory() + "/flipped"
        var bytes = framed([Array("one".utf8), Array("two".utf8), Array("three".utf8)])
        bytes[19 + 12] ^= 0x40  // a payload byte of "two" (record 1 starts at 19)
        writeFile(bytes, to: path)
        let reader = try RecordReader(path: path)
        var items: [String] = []
        while let item = reader.next() {
            switch item {
            case .record(_, let payload): items.append(String(decoding: payload, as: UTF8.self))
            case .damage(let damage):
                #expect(damage.path == path)
                #expect(damage.offset == 19)
                #expect(damage.kind == .badDataChecksum(length: 3))
                #expect(damage.description.contains("offset 19"))
                items.append("damage")
            }
        }
        #expect(items == ["one", "damage", "three"])
    }

    @Test("A corrupted length is skipped to the next intact record, which is recovered")
    func badLengthResynchronises() throws {
        let path = temporaryDirectory() + "/badlength"
        var bytes = framed([Array("alpha".utf8), Array("beta".utf8), Array("gamma".utf8)])
        bytes[21] = 0xFF  // the length of "beta" (record 1 starts at 21)
        writeFile(bytes, to: path)
        let reader = try RecordReader(path: path, chunkSize: 64)
        var items: [String] = []
        while let item = reader.next() {
            switch item {
            case .record(_, let payload): items.append(String(decoding: payload, as: UTF8.self))
            case .damage(let damage):
                #expect(damage.offset == 21)
                #expect(damage.kind == .badLengthChecksum(skippedBytes: 20))
                items.append("damage")
            }
        }
        #expect(items == ["alpha", "damage", "gamma"])
    }

    @Test("Garbage before an intact event is reported as one damage and the event is recovered")
    func garbage() throws {
        let path = temporaryDirectory() + "/events.out.tfevents.garbage"
        var state: UInt64 = 99
        let noise = (0..<50_000).map { _ -> UInt8 in
            state = state &* 6_364_136_223_846_793_005 &+ 1
            return UInt8(truncatingIfNeeded: state >> 33)
        }
        var event = TBEvent()
        event.step = 7
        event.summary.value = [.scalar(tag: "survivor", value: 1.5)]
        writeFile(noise + framed([try event.serializedBytes()]), to: path)
        let reader = try EventFileReader(path: path)
        guard case .damage(let damage)? = reader.next() else { Issue.record("no damage reported"); return }
        #expect(damage.offset == 0)
        #expect(damage.kind == .badLengthChecksum(skippedBytes: Int64(noise.count)))
        guard case .event(let recovered, let offset)? = reader.next() else { Issue.record("event not recovered"); return }
        #expect(offset == Int64(noise.count))
        #expect(recovered == event)
        #expect(reader.next() == nil)
    }

    @Test("A chance header in garbage that claims a huge length does not hide the records after it")
    func falseHeaderDoesNotStall() throws {
        let path = temporaryDirectory() + "/false-header"
        // A header whose length checksum is valid, claiming 1 MB of data that never comes.
        var fake: [UInt8] = []
        RecordFraming.appendLittleEndian(UInt64(1 << 20), to: &fake)
        let crc = fake.withUnsafeBytes { CRC32C.maskedChecksum($0) }
        RecordFraming.appendLittleEndian(crc, to: &fake)
        writeFile([1, 2, 3] + fake + [9, 9] + framed([Array("after".utf8)]), to: path)
        let reader = try RecordReader(path: path)
        guard case .damage(let damage)? = reader.next() else { Issue.record("no damage"); return }
        #expect(damage.offset == 0)
        guard case .record(_, let payload)? = reader.next() else { Issue.record("record after the false header lost"); return }
        #expect(payload == Array("after".utf8))
    }

    @Test("Finding the next intact record after damage examines each byte once, however the bytes arrive",
          arguments: [false, true])
    func resyncIsLinear(falseHugeHeader: Bool) throws {
        let path = temporaryDirectory() + "/resync-\(falseHugeHeader)"
        // One stray byte before a 4 MiB record (read 64 KiB at a time), or a header claiming
        // 2³¹−1 bytes in front of 4 MiB of zeros and a record.
        let big = [UInt8](repeating: 7, count: 4 << 20)
        var bytes: [UInt8] = [0x55]
        if falseHugeHeader {
            var fake: [UInt8] = []
            RecordFraming.appendLittleEndian(UInt64(Int32.max), to: &fake)
            RecordFraming.appendLittleEndian(fake.withUnsafeBytes { CRC32C.maskedChecksum($0) }, to: &fake)
            bytes += fake + [UInt8](repeating: 0, count: 4 << 20) + framed([Array("after".utf8)])
        } else {
            bytes += framed([big])
        }
        writeFile(bytes, to: path)
        let reader = try RecordReader(path: path, chunkSize: 64 << 10)
        guard case .damage(let damage)? = reader.next() else { Issue.record("no damage reported"); return }
        #expect(damage.offset == 0)
        guard case .record(_, let payload)? = reader.next() else { Issue.record("the intact record was lost"); return }
        #expect(payload.count == (falseHugeHeader ? 5 : big.count))
        #expect(reader.headersExamined <= bytes.count, "examined \(reader.headersExamined) headers in \(bytes.count) bytes")
    }

    @Test("A byte limit bounds what one read hands out (give or take a record), and reading resumes after it")
    func byteLimit() throws {
        let path = temporaryDirectory() + "/limited"
        let payloads = (0..<100).map { [UInt8](repeating: UInt8($0), count: 10_000) }
        writeFile(framed(payloads), to: path)
        let reader = try RecordReader(path: path, chunkSize: 4096)
        var got: [[UInt8]] = []
        var finished = false
        while !finished {
            var bytes = 0
            finished = reader.readAvailable(byteLimit: 64 << 10, onRecord: { _, payload in
                got.append(Array(payload))
                bytes += payload.count
            }, onDamage: { Issue.record("no damage expected: \($0)") })
            #expect(bytes <= (64 << 10) + 2 * 10_016, "\(bytes) bytes in one read")
        }
        #expect(got == payloads)
    }

    @Test("Opening a missing file names it")
    func missingFile() {
        #expect(throws: EventFileError.cannotOpen(path: "/nonexistent/x", reason: "No such file or directory")) {
            try RecordReader(path: "/nonexistent/x")
        }
    }
}
