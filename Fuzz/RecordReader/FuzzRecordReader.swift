// Fuzz target: TFRecord framing. Any bytes, read as an event file, must give records that are
// intact frames, damage reports that together with the records account for every byte in
// order, no intact record skipped, and a partial tail only where a record really runs past the
// end of the file.
import FuzzSupport
import LumenBoard

private let scratch = ScratchFile(name: "record-reader")

/// The frame at `offset` of `bytes` when its header and data checksums are intact and it fits in
/// the file, as the reader's rule has it (a length above 2^31 − 1 is not a record).
private func intactFrameEnd(_ bytes: [UInt8], at offset: Int) -> Int? {
    guard offset + RecordFraming.headerSize <= bytes.count else { return nil }
    let length = IndependentCRC.littleEndian(bytes, at: offset, width: 8)
    let lengthCRC = UInt32(IndependentCRC.littleEndian(bytes, at: offset + 8, width: 4))
    guard length <= UInt64(Int32.max), lengthCRC == IndependentCRC.masked(bytes[offset..<offset + 8]) else { return nil }
    let payloadStart = offset + RecordFraming.headerSize, payloadEnd = payloadStart + Int(length)
    guard payloadEnd + RecordFraming.footerSize <= bytes.count else { return nil }
    let dataCRC = UInt32(IndependentCRC.littleEndian(bytes, at: payloadEnd, width: 4))
    return dataCRC == IndependentCRC.masked(bytes[payloadStart..<payloadEnd]) ? payloadEnd + RecordFraming.footerSize : nil
}

/// Fails when an intact frame lies wholly inside `start..<end`, bytes the reader called damage.
private func expectNoIntactFrame(_ bytes: [UInt8], in start: Int, _ end: Int) {
    for candidate in start..<end where candidate != start {
        if let frameEnd = intactFrameEnd(bytes, at: candidate), frameEnd <= end {
            FuzzInput.fail("intact record at \(candidate)..<\(frameEnd) lost inside damage \(start)..<\(end)")
        }
    }
}

func checkRecordReader(_ bytes: [UInt8]) {
    scratch.write(bytes)
    // A small chunk size makes records straddle buffer refills, as in a file read while written.
    let chunkSize = 64 + Int(bytes.first ?? 0)
    guard let reader = try? RecordReader(path: scratch.path, chunkSize: chunkSize) else { FuzzInput.fail("cannot open") }
    var covered = 0
    while let item = reader.next() {
        switch item {
        case .record(let offset, let payload):
            let start = Int(offset)
            guard start == covered else { FuzzInput.fail("record at \(start), expected \(covered)") }
            guard let end = intactFrameEnd(bytes, at: start),
                  end - start == payload.count + RecordFraming.headerSize + RecordFraming.footerSize,
                  Array(bytes[start + RecordFraming.headerSize..<end - RecordFraming.footerSize]) == payload
            else { FuzzInput.fail("record at \(start) is not the intact frame there") }
            covered = end
        case .damage(let damage):
            let start = Int(damage.offset)
            guard start == covered else { FuzzInput.fail("damage at \(start), expected \(covered)") }
            switch damage.kind {
            case .badLengthChecksum(let skipped):
                guard skipped > 0 else { FuzzInput.fail("empty damage at \(start)") }
                expectNoIntactFrame(bytes, in: start, start + Int(skipped))
                covered = start + Int(skipped)
            case .badDataChecksum(let length):
                let end = start + RecordFraming.headerSize + Int(length) + RecordFraming.footerSize
                guard end <= bytes.count, intactFrameEnd(bytes, at: start) == nil else {
                    FuzzInput.fail("record at \(start) reported with a bad data checksum")
                }
                covered = end
            case .undecodableEvent, .malformedPluginData:
                FuzzInput.fail("framing reported damage inside an event")
            }
        }
    }
    let position = Int(reader.offset)
    guard position + reader.pendingBytes == bytes.count else {
        FuzzInput.fail("stopped at \(position) with \(reader.pendingBytes) pending bytes in a \(bytes.count)-byte file")
    }
    let unreadable = Int(reader.unreadableBytes)
    if unreadable > 0 {
        guard position - unreadable == covered else { FuzzInput.fail("unreadable tail starts at \(position - unreadable), expected \(covered)") }
        expectNoIntactFrame(bytes, in: covered, bytes.count)
    } else {
        guard position == covered else { FuzzInput.fail("stopped at \(position), records end at \(covered)") }
        // A partial tail is a record still being written: a header that checks out, whose frame runs past the end.
        if bytes.count - covered >= RecordFraming.headerSize {
            let length = IndependentCRC.littleEndian(bytes, at: covered, width: 8)
            let lengthCRC = UInt32(IndependentCRC.littleEndian(bytes, at: covered + 8, width: 4))
            guard length <= UInt64(Int32.max), lengthCRC == IndependentCRC.masked(bytes[covered..<covered + 8]),
                  covered + RecordFraming.headerSize + Int(length) + RecordFraming.footerSize > bytes.count
            else { FuzzInput.fail("tail at \(covered) is neither a record nor a partial record") }
        }
    }
}

@main
enum FuzzRecordReader {
    static func main() { FuzzInput.run(checkRecordReader) }
}
