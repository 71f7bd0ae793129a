import CLumenZlib

/// Inflates a PNG's zlib stream chunk by chunk into exactly `expected` bytes.
///
/// Nothing is allocated from the header's word alone: the output grows as data actually
/// inflates (at most to `expected`), so a header claiming a huge size over a few bytes of IDAT
/// fails cheaply; a stream that yields more than `expected` bytes is an error too.
final class PNGInflater {
    private let stream: UnsafeMutablePointer<z_stream>
    private var output: UnsafeMutablePointer<UInt8>
    private var capacity: Int
    private var produced = 0
    private let expected: Int
    private(set) var finished = false

    init(expected: Int) throws {
        self.expected = expected
        capacity = min(expected, 1 << 20)
        output = .allocate(capacity: max(capacity, 1))
        // zlib keeps a pointer back to its z_stream, so the stream needs a fixed address.
        stream = .allocate(capacity: 1)
        stream.initialize(to: z_stream())
        let status = inflateInit_(stream, zlibVersion(), Int32(MemoryLayout<z_stream>.size))
        guard status == Z_OK else {
            stream.deallocate()
            output.deallocate()
            throw PNGError("PNG: zlib inflateInit failed with status \(status)")
        }
    }

    deinit {
        inflateEnd(stream)
        stream.deallocate()
        output.deallocate()
    }

    /// Inflates one IDAT chunk's data; `offset` is the chunk's byte offset in the file, for errors.
    func feed(_ data: ArraySlice<UInt8>, offset: Int) throws {
        guard !finished else { return }
        try data.withUnsafeBufferPointer { src in
            stream.pointee.next_in = UnsafeMutablePointer(mutating: src.baseAddress)
            stream.pointee.avail_in = uInt(src.count)
            while stream.pointee.avail_in > 0 && !finished {
                if produced == capacity {
                    if capacity < expected {
                        grow()
                    } else {
                        try probeForExtraOutput(offset: offset)
                        continue
                    }
                }
                let inputBefore = stream.pointee.avail_in, producedBefore = produced
                stream.pointee.next_out = output + produced
                stream.pointee.avail_out = uInt(capacity - produced)
                let status = inflate(stream, Z_NO_FLUSH)
                produced = capacity - Int(stream.pointee.avail_out)
                if status == Z_BUF_ERROR && inputBefore == stream.pointee.avail_in && producedBefore == produced {
                    throw PNGError("PNG: IDAT chunk at byte \(offset): zlib can make no progress")
                }
                try check(status, offset: offset)
            }
        }
    }

    /// The inflated bytes, once every IDAT chunk has been fed.
    func result() throws -> [UInt8] {
        guard produced == expected else {
            throw PNGError("PNG: IDAT data inflates to only \(produced) bytes, expected \(expected) (truncated or wrong IDAT size)")
        }
        return Array(UnsafeBufferPointer(start: output, count: produced))
    }

    private func grow() {
        let bigger = min(expected, capacity * 2)
        let moved = UnsafeMutablePointer<UInt8>.allocate(capacity: bigger)
        moved.update(from: output, count: produced)
        output.deallocate()
        output = moved
        capacity = bigger
    }

    /// With all `expected` bytes out, the remaining input must hold only the stream's end.
    private func probeForExtraOutput(offset: Int) throws {
        var spare: UInt8 = 0
        let status = withUnsafeMutablePointer(to: &spare) { spare in
            stream.pointee.next_out = spare
            stream.pointee.avail_out = 1
            return inflate(stream, Z_NO_FLUSH)
        }
        if stream.pointee.avail_out == 0 {
            throw PNGError("PNG: IDAT data (chunk at byte \(offset)) inflates to more than the \(expected) bytes the IHDR size needs (wrong IDAT size)")
        }
        try check(status, offset: offset)
    }

    private func check(_ status: Int32, offset: Int) throws {
        switch status {
        case Z_OK: return
        case Z_STREAM_END: finished = true
        case Z_BUF_ERROR: return
        default:
            let reason = stream.pointee.msg.map { String(cString: $0) } ?? "status \(status)"
            throw PNGError("PNG: IDAT chunk at byte \(offset) holds a corrupt zlib stream (\(reason))")
        }
    }
}
