import CLumenZlib

/// `bytes` inflated from one gzip member with zlib (the reference the board's gzip is held to);
/// nil when zlib finds them malformed or cut short.
func gunzip(_ bytes: [UInt8]) -> [UInt8]? {
    let stream = UnsafeMutablePointer<z_stream>.allocate(capacity: 1)
    stream.initialize(to: z_stream())
    defer { stream.deallocate() }
    guard inflateInit2_(stream, 15 + 16, zlibVersion(), Int32(MemoryLayout<z_stream>.size)) == Z_OK else { return nil }
    defer { inflateEnd(stream) }
    var output: [UInt8] = []
    var chunk = [UInt8](repeating: 0, count: 65_536)
    var input = bytes
    return input.withUnsafeMutableBufferPointer { input -> [UInt8]? in
        stream.pointee.next_in = input.baseAddress
        stream.pointee.avail_in = UInt32(input.count)
        while true {
            let (status, produced) = chunk.withUnsafeMutableBufferPointer { out -> (Int32, Int) in
                stream.pointee.next_out = out.baseAddress
                stream.pointee.avail_out = UInt32(out.count)
                let status = inflate(stream, Z_NO_FLUSH)
                return (status, out.count - Int(stream.pointee.avail_out))
            }
            output += chunk[..<produced]
            if status == Z_STREAM_END { return stream.pointee.avail_in == 0 ? output : nil }
            guard status == Z_OK else { return nil }
        }
    }
}
