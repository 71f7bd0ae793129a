/// CRC-32C computed bit by bit, independently of the table and SSE4.2 code under test, and
/// TFRecord's mask over it.
public enum IndependentCRC {
    /// The masked CRC-32C of `bytes`, as TFRecord framing stores it.
    public static func masked(_ bytes: ArraySlice<UInt8>) -> UInt32 {
        var crc: UInt32 = 0xFFFF_FFFF
        for byte in bytes {
            crc ^= UInt32(byte)
            for _ in 0..<8 { crc = (crc >> 1) ^ (crc & 1 == 1 ? 0x82F6_3B78 : 0) }
        }
        crc = ~crc
        return ((crc >> 15) | (crc << 17)) &+ 0xA282_EAD8
    }

    /// The little-endian integer of `width` bytes at `offset`.
    public static func littleEndian(_ bytes: [UInt8], at offset: Int, width: Int) -> UInt64 {
        (0..<width).reduce(UInt64(0)) { $0 | UInt64(bytes[offset + $1]) << (8 * UInt64($1)) }
    }
}
