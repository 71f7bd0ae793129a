/// The 128-bit FNV-1a hash, fed byte by byte: cheap, stable across runs and platforms, and
/// good enough to tell apart the series ids and entity tags the board makes (not a defence
/// against anyone choosing collisions).
struct FNV128 {
    private(set) var value: UInt128 = 0x6c62_272e_07bb_0142_62b8_2175_6295_c58d

    mutating func mix(_ byte: UInt8) {
        value = (value ^ UInt128(byte)) &* 0x0000_0000_0100_0000_0000_0000_0000_013B
    }

    mutating func mix(_ bytes: some Sequence<UInt8>) {
        for byte in bytes { mix(byte) }
    }

    /// The hash as 32 lowercase hexadecimal digits.
    var hex: String {
        // Digit by digit from the low end: String(_:radix:) divides the 128-bit value once per
        // digit, which made listing 10,000 runs' series ids take a tenth of a second.
        String(unsafeUninitializedCapacity: 32) { buffer in
            var rest = value
            for i in stride(from: 31, through: 0, by: -1) {
                let digit = UInt8(truncatingIfNeeded: rest & 0xF)
                buffer[i] = digit < 10 ? 48 + digit : 87 + digit
                rest >>= 4
            }
            return 32
        }
    }
}
