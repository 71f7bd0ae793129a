/// TFRecord framing, the container of every event file:
/// `u64 LE length`, `u32 LE masked CRC-32C(length bytes)`, `data`, `u32 LE masked CRC-32C(data)`.
public enum RecordFraming {
    /// Bytes before the payload: the length and its checksum.
    public static let headerSize = 12
    /// Bytes after the payload: the payload's checksum.
    public static let footerSize = 4

    /// Appends one framed record holding `payload` to `buffer`.
    public static func append(payload: UnsafeRawBufferPointer, to buffer: inout [UInt8]) {
        let start = buffer.count
        buffer.reserveCapacity(start + headerSize + payload.count + footerSize)
        appendLittleEndian(UInt64(payload.count), to: &buffer)
        let lengthCRC = buffer.withUnsafeBytes { CRC32C.maskedChecksum(UnsafeRawBufferPointer(rebasing: $0[start..<start + 8])) }
        appendLittleEndian(lengthCRC, to: &buffer)
        buffer.append(contentsOf: payload)
        appendLittleEndian(CRC32C.maskedChecksum(payload), to: &buffer)
    }

    /// Frames, in place, a payload that was written into `buffer` after 12 reserved bytes at
    /// `headerStart`: fills in the header and appends the footer. Avoids copying the payload.
    static func sealPayload(in buffer: inout [UInt8], headerStart: Int) {
        let payloadStart = headerStart + headerSize
        let length = UInt64(buffer.count - payloadStart)
        buffer.withUnsafeMutableBytes { raw in
            raw.storeBytes(of: length.littleEndian, toByteOffset: headerStart, as: UInt64.self)
            let lengthCRC = CRC32C.maskedChecksum(UnsafeRawBufferPointer(rebasing: raw[headerStart..<headerStart + 8]))
            raw.storeBytes(of: lengthCRC.littleEndian, toByteOffset: headerStart + 8, as: UInt32.self)
        }
        let dataCRC = buffer.withUnsafeBytes { CRC32C.maskedChecksum(UnsafeRawBufferPointer(rebasing: $0[payloadStart...])) }
        appendLittleEndian(dataCRC, to: &buffer)
    }

    @inline(__always)
    static func appendLittleEndian<T: FixedWidthInteger>(_ value: T, to buffer: inout [UInt8]) {
        withUnsafeBytes(of: value.littleEndian) { buffer.append(contentsOf: $0) }
    }
}
