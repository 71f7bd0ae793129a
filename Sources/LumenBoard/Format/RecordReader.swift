import Foundation

/// Reads TFRecord-framed records from a file that may still be growing.
///
/// `next()` returns the next complete record, or damage it passed over, or `nil` when no
/// complete record follows yet: a partial last record is not an error, and a later call
/// resumes where this one stopped once the writer has appended more bytes.
public final class RecordReader {
    /// One thing found while reading.
    public enum Item {
        /// A record whose framing and checksums are intact.
        case record(offset: Int64, payload: [UInt8])
        /// Bytes that could not be read as a record.
        case damage(RecordDamage)
    }

    /// The file being read.
    public let path: String
    private let bytes: any EventFileBytes
    /// Why the last attempt to read more bytes failed, if it did: reading stops there as at the
    /// end of the file, and the next call tries again.
    public private(set) var readError: (any Error)?
    private var buffer: [UInt8] = []
    /// File offset of `buffer[0]`.
    private var bufferStart: Int64 = 0
    /// Index in `buffer` of the next unread byte.
    private var cursor = 0
    /// File offset where unreadable bytes began, while looking for the next intact record.
    private var damageStart: Int64?
    /// While looking for the next intact record: the file offset the search has reached, and
    /// the offsets of intact headers whose records run past the bytes read so far. Kept across
    /// reads, so bytes appended later are examined once rather than from the start again.
    private var scanReached: Int64 = 0
    private var incompleteCandidates: [Int64] = []
    /// Record headers examined while looking for intact records (tests check the search is linear).
    private(set) var headersExamined = 0
    private let chunkSize: Int
    /// Bytes read from the file so far.
    private var bytesRead: Int64 = 0

    /// Opens the local file `path` for reading from `offset`.
    /// - Throws: `EventFileError.cannotOpen` naming the path and the system's reason.
    public convenience init(path: String, offset: Int64 = 0, chunkSize: Int = 1 << 20) throws {
        self.init(bytes: try LocalFileBytes(path: path), path: path, offset: offset, chunkSize: chunkSize)
    }

    /// Reads the records of `bytes`, the event file `path` of a ``LogdirSource``, from `offset`,
    /// asking it for `chunkSize` bytes at a time at least.
    public init(bytes: any EventFileBytes, path: String, offset: Int64 = 0, chunkSize: Int = 1 << 20) {
        self.path = path
        self.bytes = bytes
        bufferStart = offset
        self.chunkSize = max(chunkSize, 64)
    }

    /// File offset of the next byte `next()` will look at.
    public var offset: Int64 { bufferStart + Int64(cursor) }

    /// Bytes after `offset` already read from the file but not yet a complete record:
    /// non-zero at the end of a file means its last record is partial (or still being written).
    public var pendingBytes: Int { buffer.count - cursor }

    /// Bytes passed over since the last intact record while no intact record follows yet:
    /// non-zero at the end of a file means it ends in damage.
    public var unreadableBytes: Int64 { damageStart.map { offset - $0 } ?? 0 }

    /// The next complete record or damage, or `nil` when nothing complete follows yet.
    public func next() -> Item? {
        switch advance() {
        case nil: return nil
        case .damage(let damage)?: return .damage(damage)
        case .record(let offset, let range)?: return .record(offset: offset, payload: Array(buffer[range]))
        case .paused?: return nil  // never: next() sets no byte limit
        }
    }

    /// Reads every complete record from here to the end of what is written now, handing each
    /// payload to `onRecord` without copying it (the bytes are valid only during the call).
    /// Stops after `limit` records, or once `byteLimit` more bytes have been read from the file
    /// (even in the middle of a search through damage, which resumes on the next call), and
    /// returns false when more may follow; true at the end.
    @discardableResult
    public func readAvailable(limit: Int = .max, byteLimit: Int64 = .max,
                              onRecord: (Int64, UnsafeRawBufferPointer) -> Void, onDamage: (RecordDamage) -> Void) -> Bool {
        var done = 0
        let pauseAt = byteLimit == .max ? .max : bytesRead + byteLimit
        while done < limit && bytesRead < pauseAt {
            done += readIntactRecords(limit: limit - done, onRecord: onRecord)
            guard done < limit else { break }
            guard let step = advance(pauseAt: pauseAt) else { return true }
            done += 1
            switch step {
            case .damage(let damage): onDamage(damage)
            case .record(let offset, let range):
                buffer.withUnsafeBytes { onRecord(offset, UnsafeRawBufferPointer(rebasing: $0[range])) }
            case .paused: return false
            }
        }
        return false
    }

    /// Hands `onRecord` the intact records that lie whole in the buffer from the cursor on, at
    /// most `limit`, in one pass over the buffer; stops (leaving the rest to ``advance(pauseAt:)``)
    /// at the first header or payload that does not check out, at a record not yet whole, and
    /// during a search through damage. Returns how many it handed over.
    private func readIntactRecords(limit: Int, onRecord: (Int64, UnsafeRawBufferPointer) -> Void) -> Int {
        guard damageStart == nil, limit > 0 else { return 0 }
        let start = cursor
        let (end, count) = buffer.withUnsafeBytes { raw -> (Int, Int) in
            var index = start
            var count = 0
            while count < limit, index + RecordFraming.headerSize <= raw.count {
                let (length, valid) = Self.header(at: index, in: raw)
                guard valid else { break }
                let payloadStart = index + RecordFraming.headerSize
                let payloadEnd = payloadStart + Int(length)
                guard payloadEnd + RecordFraming.footerSize <= raw.count,
                      Self.dataChecksumMatches(payloadStart, payloadEnd, in: raw) else { break }
                onRecord(bufferStart + Int64(index), UnsafeRawBufferPointer(rebasing: raw[payloadStart..<payloadEnd]))
                index = payloadEnd + RecordFraming.footerSize
                count += 1
            }
            return (index, count)
        }
        cursor = end
        return count
    }

    private enum Step {
        case record(offset: Int64, payload: Range<Int>)
        case damage(RecordDamage)
        /// Stopped in a search through damage, having read the bytes allowed.
        case paused
    }

    private func advance(pauseAt: Int64 = .max) -> Step? {
        while true {
            if let start = damageStart {
                switch scanForRecord() {
                case .found(let index):
                    cursor = index
                    damageStart = nil
                    incompleteCandidates = []
                    // The record that was still being written has arrived whole: no damage.
                    if offset == start { continue }
                    return .damage(RecordDamage(path: path, offset: start, kind: .badLengthChecksum(skippedBytes: offset - start)))
                case .needMore(let resumeAt):
                    cursor = resumeAt
                    if bytesRead >= pauseAt { return .paused }
                    if !fill() { return nil }
                    continue
                }
            }
            guard available(RecordFraming.headerSize) else { return nil }
            let (length, lengthOK) = header(at: cursor)
            guard lengthOK else {
                damageStart = offset
                cursor += 1
                scanReached = offset
                incompleteCandidates = []
                continue
            }
            let total = RecordFraming.headerSize + Int(length) + RecordFraming.footerSize
            guard available(total) else {
                // Not complete yet: a record still being written — unless an intact record
                // starts inside the bytes it claims, since writers append whole records; then
                // this header is damage. The search after damage looks, this header its first
                // candidate, so the wait costs each byte one look however the bytes arrive.
                damageStart = offset
                scanReached = offset + 1
                incompleteCandidates = [offset]
                continue
            }
            let recordOffset = offset
            let payloadStart = cursor + RecordFraming.headerSize
            let payloadEnd = payloadStart + Int(length)
            cursor += total
            if dataChecksumMatches(payloadStart, payloadEnd) {
                return .record(offset: recordOffset, payload: payloadStart..<payloadEnd)
            }
            return .damage(RecordDamage(path: path, offset: recordOffset, kind: .badDataChecksum(length: Int64(length))))
        }
    }

    /// The payload of the record at `offset`, checksums verified: how blobs such as images are
    /// fetched on demand after a first pass kept only their offsets.
    /// - Throws: ``RecordDamage`` when the bytes there are not an intact record.
    public static func payload(path: String, offset: Int64) throws -> [UInt8] {
        try payload(path: path, offset: offset, bytes: try LocalFileBytes(path: path))
    }

    /// The payload of the record at `offset` of `bytes`, the event file `path`, checksums verified.
    /// - Throws: ``RecordDamage`` when the bytes there are not an intact record, or the error
    ///   reading them.
    public static func payload(path: String, offset: Int64, bytes: any EventFileBytes) throws -> [UInt8] {
        let reader = RecordReader(bytes: bytes, path: path, offset: offset, chunkSize: 64 << 10)
        let step = reader.advance()
        if let error = reader.readError { throw error }
        guard let step else {
            throw RecordDamage(path: path, offset: offset, kind: .badLengthChecksum(skippedBytes: 0))
        }
        switch step {
        case .record(let found, let range) where found == offset: return Array(reader.buffer[range])
        case .damage(let damage): throw damage
        case .record, .paused: throw RecordDamage(path: path, offset: offset, kind: .badLengthChecksum(skippedBytes: 0))
        }
    }

    // MARK: - Framing

    private func header(at index: Int) -> (length: UInt64, valid: Bool) {
        buffer.withUnsafeBytes { Self.header(at: index, in: $0) }
    }

    private func dataChecksumMatches(_ start: Int, _ end: Int) -> Bool {
        buffer.withUnsafeBytes { Self.dataChecksumMatches(start, end, in: $0) }
    }

    private static func header(at index: Int, in raw: UnsafeRawBufferPointer) -> (length: UInt64, valid: Bool) {
        let length = UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: index, as: UInt64.self))
        let stored = UInt32(littleEndian: raw.loadUnaligned(fromByteOffset: index + 8, as: UInt32.self))
        let actual = CRC32C.maskedChecksum(UnsafeRawBufferPointer(rebasing: raw[index..<index + 8]))
        // A length that cannot be a real record is treated like a bad checksum.
        return (length, stored == actual && length <= UInt64(Int32.max))
    }

    private static func dataChecksumMatches(_ start: Int, _ end: Int, in raw: UnsafeRawBufferPointer) -> Bool {
        let stored = UInt32(littleEndian: raw.loadUnaligned(fromByteOffset: end, as: UInt32.self))
        return stored == CRC32C.maskedChecksum(UnsafeRawBufferPointer(rebasing: raw[start..<end]))
    }

    private enum ScanResult {
        case found(Int)
        case needMore(resumeAt: Int)
    }

    /// Looks for where a whole record with both checksums intact begins, from where the search
    /// has reached. A header that checks out but whose record runs past the bytes read so far may
    /// be real (still being written) or a chance match inside garbage; the scan looks beyond it,
    /// and takes it once its record has arrived intact when nothing intact was found before it.
    /// Every byte is examined once, however often more bytes arrive.
    private func scanForRecord() -> ScanResult {
        var stillIncomplete: [Int64] = []
        for candidate in incompleteCandidates {
            let index = Int(candidate - bufferStart)
            let (length, _) = header(at: index)
            let end = index + RecordFraming.headerSize + Int(length)
            if end + RecordFraming.footerSize > buffer.count {
                stillIncomplete.append(candidate)
            } else if dataChecksumMatches(index + RecordFraming.headerSize, end) {
                return .found(index)
            }
        }
        incompleteCandidates = stillIncomplete
        var index = Int(scanReached - bufferStart)
        while index + RecordFraming.headerSize <= buffer.count {
            headersExamined += 1
            let (length, valid) = header(at: index)
            if valid {
                let end = index + RecordFraming.headerSize + Int(length)
                if end + RecordFraming.footerSize > buffer.count {
                    incompleteCandidates.append(bufferStart + Int64(index))
                } else if dataChecksumMatches(index + RecordFraming.headerSize, end) {
                    return .found(index)
                }
            }
            index += 1
        }
        scanReached = bufferStart + Int64(index)
        return .needMore(resumeAt: incompleteCandidates.first.map { Int($0 - bufferStart) } ?? index)
    }

    // MARK: - Buffering

    /// Makes sure `count` bytes from the cursor are in the buffer, reading more as needed.
    private func available(_ count: Int) -> Bool {
        while buffer.count - cursor < count {
            if !fill(atLeast: count - (buffer.count - cursor)) { return false }
        }
        return true
    }

    /// Reads more of the file into the buffer; false when the file has no more bytes now.
    @discardableResult
    private func fill(atLeast wanted: Int = 1) -> Bool {
        compact()
        // At most 16 MiB a read, whatever length a header claims: `available` reads again.
        let readSize = max(chunkSize, min(wanted, 16 << 20))
        let fileOffset = bufferStart + Int64(buffer.count)
        let got = withUnsafeTemporaryAllocation(byteCount: readSize, alignment: 16) { scratch in
            do {
                let n = try bytes.read(at: fileOffset, into: scratch)
                readError = nil
                if n > 0 {
                    buffer.append(contentsOf: UnsafeRawBufferPointer(rebasing: scratch[0..<n]))
                    bytesRead += Int64(n)
                }
                return n
            } catch {
                readError = error
                return 0
            }
        }
        return got > 0
    }

    /// Lets go of the bytes already consumed, and of buffer capacity beyond what is kept: for a
    /// reader kept open between reads of a file that may grow.
    public func releaseConsumedBytes() {
        guard cursor > 0 || buffer.capacity > 2 * buffer.count else { return }
        buffer = Array(buffer[cursor...])
        bufferStart += Int64(cursor)
        cursor = 0
    }

    /// Drops consumed bytes from the front of the buffer.
    private func compact() {
        guard cursor > 0, cursor >= buffer.count / 2 || cursor > chunkSize else { return }
        buffer.removeFirst(cursor)
        bufferStart += Int64(cursor)
        cursor = 0
    }
}
