import Testing
import LumenVision

@Suite("Image files: damaged bytes with valid checksums never crash the decoder")
struct ImageFileFuzzTests {
    /// CRC-32 (the PNG / zlib polynomial 0xEDB88320), to re-seal a chunk after changing it.
    static func crc32(_ bytes: ArraySlice<UInt8>) -> UInt32 {
        var crc: UInt32 = 0xFFFF_FFFF
        for byte in bytes {
            crc ^= UInt32(byte)
            for _ in 0..<8 { crc = crc & 1 == 1 ? (crc >> 1) ^ 0xEDB8_8320 : crc >> 1 }
        }
        return ~crc
    }

    /// Byte offsets of every chunk in a PNG: (offset, data length).
    static func chunks(_ png: [UInt8]) -> [(offset: Int, length: Int)] {
        var result: [(Int, Int)] = []
        var offset = 8
        while offset + 12 <= png.count {
            let length = png[offset..<offset + 4].reduce(0) { $0 << 8 | Int($1) }
            result.append((offset, length))
            offset += 12 + length
        }
        return result
    }

    @Test("a changed byte inside IHDR, PLTE, tRNS or IDAT, CRC fixed, decodes or throws VisionError")
    func resealedMutations() throws {
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        func next(_ bound: Int) -> Int {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int((state >> 33) % UInt64(bound))
        }
        var decoded = 0, rejected = 0
        for name in ["palette4_trns_i_13x11", "gray2_trns_i_13x11", "rgba16_i_13x11", "filters_gray2", "rgb16_trns_p_13x11"] {
            let original = try ImageFixtures.bytes("png/\(name).png")
            let sealed = Self.chunks(original).filter { $0.length > 0 && $0.offset + 12 + $0.length <= original.count }
            for _ in 0..<150 {
                var png = original
                let chunk = sealed[next(sealed.count)]
                let at = chunk.offset + 8 + next(chunk.length)
                png[at] ^= UInt8(1 + next(255))
                let crc = Self.crc32(png[chunk.offset + 4..<chunk.offset + 8 + chunk.length])
                for i in 0..<4 { png[chunk.offset + 8 + chunk.length + i] = UInt8(truncatingIfNeeded: crc >> (24 - 8 * i)) }
                do {
                    let image = try Image(encoded: png)
                    #expect(image.pixels.count == image.width * image.height * image.channels)
                    decoded += 1
                } catch is VisionError {
                    rejected += 1
                }
            }
        }
        #expect(decoded > 0 && rejected > 0)
    }
}
