import Testing
@testable import LumenBoard
import LumenPNG

@Suite("Image scaling, layout and PNG")
struct ImageTests {
    @Test("Automatic scaling: all ≤ 1 → × 255 truncated (0.999 → 254); any value > 1 → taken as 0…255")
    func automaticScaling() throws {
        let small = try ImagePixels(float: [0, 0.5, 0.999, 1], shape: [2, 2], format: .hw, scaling: .automatic)
        #expect(small.bytes == [0, 0, 0, 127, 127, 127, 254, 254, 254, 255, 255, 255])
        let large = try ImagePixels(float: [1.1, 2, 300, -4], shape: [2, 2], format: .hw, scaling: .automatic)
        #expect(large.bytes == [1, 1, 1, 2, 2, 2, 255, 255, 255, 0, 0, 0])
        let torch = try ImagePixels(float: [1.1, 0.5, .nan, -4], shape: [2, 2], format: .hw, scaling: .multiplyBy255)
        #expect(torch.bytes == [255, 255, 255, 127, 127, 127, 0, 0, 0, 0, 0, 0])
    }

    @Test("CHW and HWC of the same picture give the same pixels; RGBA keeps 4 channels")
    func layouts() throws {
        let chw: [UInt8] = [1, 2, 3, 4, 10, 20, 30, 40, 100, 110, 120, 130]  // 3 × 2 × 2
        let a = try ImagePixels(bytes: chw, shape: [3, 2, 2], format: .chw)
        let hwc: [UInt8] = [1, 10, 100, 2, 20, 110, 3, 30, 120, 4, 40, 130]
        let b = try ImagePixels(bytes: hwc, shape: [2, 2, 3], format: .hwc)
        #expect(a == b && a.bytes == hwc)
        let rgba = try ImagePixels(bytes: [UInt8](repeating: 9, count: 16), shape: [4, 2, 2], format: .chw)
        #expect(rgba.channels == 4)
    }

    @Test("A batch is tiled 8 wide on black, as torch's make_grid for add_images")
    func batchGrid() throws {
        let batch = try ImagePixels(bytes: [UInt8](repeating: 200, count: 10 * 1 * 2 * 3), shape: [10, 1, 2, 3], format: .nchw)
        #expect(batch.width == 24 && batch.height == 4 && batch.channels == 3)
        // Second row holds images 8 and 9; the rest of it stays black.
        let rowBytes = batch.width * 3
        #expect(batch.bytes[2 * rowBytes + 6 * 3] == 0)
        #expect(batch.bytes[2 * rowBytes] == 200)
    }

    @Test("PNG round trip for 1 to 4 channels, and corrupt PNG names the problem")
    func pngRoundTrip() throws {
        for channels in 1...4 {
            var state: UInt32 = 7
            let bytes = (0..<(13 * 17 * channels)).map { _ -> UInt8 in
                state = state &* 1_664_525 &+ 1_013_904_223
                return UInt8(truncatingIfNeeded: state >> 24)
            }
            let image = PNGImage(width: 17, height: 13, channels: channels, bytes: bytes)
            #expect(try PNGDecoder.decode(PNGEncoder.encode(image)) == image)
        }
        var png = PNGEncoder.encode(PNGImage(width: 2, height: 2, channels: 3, bytes: [UInt8](repeating: 5, count: 12)))
        png[20] ^= 1
        #expect { try PNGDecoder.decode(png) } throws: { "\($0)".contains("IHDR") }
    }
}
