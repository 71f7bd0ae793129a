import CLumenZlib

/// Decompression of `.gz` (and zlib) files through the system zlib.
enum Gzip {
    /// Whether `bytes` start with the gzip signature 1f 8b.
    static func isCompressed(_ bytes: [UInt8]) -> Bool {
        bytes.count >= 2 && bytes[0] == 0x1F && bytes[1] == 0x8B
    }

    /// The inflated contents of a gzip (or zlib) stream; members that follow one another are
    /// joined, as `gunzip` does.
    ///
    /// - Throws: ``VisionError`` naming `file` and the compressed offset where the data is
    ///   damaged or ends too early.
    static func decompress(_ bytes: [UInt8], file: String) throws -> [UInt8] {
        // The gzip trailer holds the uncompressed size modulo 2³²: a good first guess, but only
        // a guess (a truncated file ends elsewhere), so never beyond deflate's largest ratio.
        var capacity = bytes.count * 4
        if isCompressed(bytes) && bytes.count >= 18 {
            let n = bytes.count
            let stated = Int(bytes[n - 4]) | Int(bytes[n - 3]) << 8 | Int(bytes[n - 2]) << 16 | Int(bytes[n - 1]) << 24
            capacity = min(stated, bytes.count * 1032)
        }
        var output = [UInt8](repeating: 0, count: max(capacity, 64))
        var produced = 0
        var stream = z_stream()
        guard inflateInit2_(&stream, 15 + 32, zlibVersion(), Int32(MemoryLayout<z_stream>.size)) == Z_OK else {
            throw VisionError("\(file): zlib could not start inflating")
        }
        defer { inflateEnd(&stream) }
        try bytes.withUnsafeBufferPointer { input in
            stream.next_in = UnsafeMutablePointer(mutating: input.baseAddress)
            stream.avail_in = uInt(input.count)
            while true {
                if produced == output.count {
                    output += [UInt8](repeating: 0, count: output.count)
                }
                let status = output.withUnsafeMutableBufferPointer { out -> Int32 in
                    stream.next_out = out.baseAddress! + produced
                    stream.avail_out = uInt(min(out.count - produced, Int(UInt32.max)))
                    let before = Int(stream.avail_out)
                    let status = inflate(&stream, Z_NO_FLUSH)
                    produced += before - Int(stream.avail_out)
                    return status
                }
                let offset = input.count - Int(stream.avail_in)
                switch status {
                case Z_STREAM_END:
                    if stream.avail_in == 0 { return }
                    guard inflateReset(&stream) == Z_OK else {
                        throw VisionError("\(file): offset \(offset): zlib could not restart for the next gzip member")
                    }
                case Z_OK:
                    continue
                case Z_BUF_ERROR:
                    // There was room for output, so zlib needs input that is not there.
                    throw VisionError("\(file): offset \(offset): the compressed data ends before the end of the gzip stream (truncated file)")
                default:
                    let reason = stream.msg.map { String(cString: $0) } ?? "zlib status \(status)"
                    throw VisionError("\(file): offset \(offset): damaged compressed data (\(reason))")
                }
            }
        }
        output.removeSubrange(produced..<output.count)
        return output
    }
}
