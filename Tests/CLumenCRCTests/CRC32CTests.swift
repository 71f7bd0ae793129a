import CLumenCRC
import Testing

@Suite("CRC-32C known answers, table and hardware paths")
struct CRC32CTests {
    static let implementations: [lumen_crc_impl] = [LUMEN_CRC_TABLE, LUMEN_CRC_HARDWARE, LUMEN_CRC_AUTO]

    func crc(_ bytes: [UInt8], _ impl: lumen_crc_impl) -> UInt32 {
        bytes.withUnsafeBytes { lumen_crc32c_with(impl, 0, $0.baseAddress, $0.count) }
    }

    @Test("\"123456789\" → 0xE3069283", arguments: implementations)
    func checkString(impl: lumen_crc_impl) {
        #expect(crc(Array("123456789".utf8), impl) == 0xE306_9283)
    }

    @Test("32 zero bytes → 0x8A9136AA", arguments: implementations)
    func zeros(impl: lumen_crc_impl) {
        #expect(crc([UInt8](repeating: 0, count: 32), impl) == 0x8A91_36AA)
    }

    @Test("Both paths agree on every length and alignment, and extending in pieces equals one pass")
    func pathsAgree() {
        var state: UInt32 = 12345
        let data = (0..<1000).map { _ -> UInt8 in
            state = state &* 1_103_515_245 &+ 12345
            return UInt8(truncatingIfNeeded: state >> 16)
        }
        for start in 0..<9 {
            for length in [0, 1, 7, 8, 9, 63, 64, 65, 500, 991 - start] {
                let slice = Array(data[start..<start + length])
                #expect(crc(slice, LUMEN_CRC_TABLE) == crc(slice, LUMEN_CRC_HARDWARE), "start \(start) length \(length)")
            }
        }
        let whole = crc(data, LUMEN_CRC_AUTO)
        let first = data.withUnsafeBytes { lumen_crc32c(0, $0.baseAddress, 300) }
        let both = data.withUnsafeBytes { lumen_crc32c(first, $0.baseAddress! + 300, 700) }
        #expect(both == whole)
    }

    @Test("This x86-64 machine has the SSE4.2 path")
    func hardwarePresent() {
        #if arch(x86_64)
        #expect(lumen_crc32c_has_hardware() == 1)
        #endif
    }
}
