import Foundation
import CLumenCRC

/// CRC-32C (Castagnoli) as TensorBoard's record framing uses it.
///
/// The hardware instruction (SSE4.2) is used when the CPU has it, chosen at run time;
/// otherwise a table implementation computes the same value.
public enum CRC32C {
    /// Which implementation computes the checksum.
    public enum Implementation: Sendable {
        /// Hardware when available, else the table.
        case automatic
        /// The portable table implementation.
        case table
        /// The CPU's CRC instruction (falls back to the table when the CPU lacks it).
        case hardware
    }

    /// Whether this CPU has a hardware CRC-32C instruction that Lumen uses.
    public static var hasHardwareSupport: Bool { lumen_crc32c_has_hardware() != 0 }

    /// The CRC-32C of `bytes`.
    public static func checksum(_ bytes: UnsafeRawBufferPointer, using implementation: Implementation = .automatic) -> UInt32 {
        let impl: lumen_crc_impl
        switch implementation {
        case .automatic: impl = LUMEN_CRC_AUTO
        case .table: impl = LUMEN_CRC_TABLE
        case .hardware: impl = LUMEN_CRC_HARDWARE
        }
        return lumen_crc32c_with(impl, 0, bytes.baseAddress, bytes.count)
    }

    /// The CRC-32C of `bytes`.
    public static func checksum(_ bytes: some ContiguousBytes, using implementation: Implementation = .automatic) -> UInt32 {
        bytes.withUnsafeBytes { checksum($0, using: implementation) }
    }

    /// TensorBoard's masked form of a CRC: rotated right by 15 bits plus a constant, so that
    /// a CRC stored next to the data it covers does not checksum to a fixed value.
    @inline(__always)
    public static func mask(_ crc: UInt32) -> UInt32 {
        ((crc &>> 15) | (crc &<< 17)) &+ 0xA282_EAD8
    }

    /// The masked CRC-32C of `bytes`.
    @inline(__always)
    public static func maskedChecksum(_ bytes: UnsafeRawBufferPointer) -> UInt32 {
        mask(lumen_crc32c(0, bytes.baseAddress, bytes.count))
    }
}
