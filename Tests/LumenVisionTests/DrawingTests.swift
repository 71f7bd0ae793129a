import LumenVision
import Testing

/// The colours a drawing case asked for: nil (torchvision's palette), names, or RGB triples.
private func readColors(_ r: inout FixtureReader) throws -> [Color]? {
    switch r.int() {
    case 0: return nil
    case 1: return try (0..<r.int()).map { _ in try Color(r.string()) }
    default:
        let count = r.int()
        let rgb = r.bytes(count * 3)
        return (0..<count).map { Color(rgb[$0 * 3], rgb[$0 * 3 + 1], rgb[$0 * 3 + 2]) }
    }
}

@Suite("Drawing boxes and masks")
struct DrawingTests {
    @Test("drawBoundingBoxes matches torchvision's draw_bounding_boxes (PIL rectangles) pixel for pixel")
    func boxesMatchTorchvision() throws {
        var r = try FixtureReader("draw_boxes.zlib")
        let count = r.int()
        for k in 0..<count {
            let (height, width, channels) = (r.int(), r.int(), r.int())
            let image = Image(width: width, height: height, channels: channels, pixels: r.bytes(height * width * channels))
            let boxCount = r.int()
            let boxes = Tensor(r.floats(boxCount * 4), shape: [boxCount, 4])
            let colors = try readColors(&r)
            let fill = r.int() != 0
            let lineWidth = r.int()
            let expected = r.bytes(height * width * 3)
            let drawn = try drawBoundingBoxes(image, boxes: boxes, colors: colors, fill: fill, width: lineWidth)
            #expect(drawn.channels == 3 && drawn.pixels == expected,
                    "case \(k): \(width)×\(height)×\(channels), boxes \(boxes.scalars), fill \(fill), width \(lineWidth)")
        }
        #expect(r.isAtEnd)
    }

    @Test("drawSegmentationMasks matches torchvision's draw_segmentation_masks byte for byte")
    func masksMatchTorchvision() throws {
        var r = try FixtureReader("draw_masks.zlib")
        let count = r.int()
        for k in 0..<count {
            let (height, width) = (r.int(), r.int())
            let image = Image(width: width, height: height, channels: 3, pixels: r.bytes(height * width * 3))
            let maskCount = r.int()
            let masks = Tensor(r.bytes(maskCount * height * width).map(Float.init), shape: [maskCount, height, width])
            let alpha = r.float()
            let colors = try readColors(&r)
            let expected = r.bytes(height * width * 3)
            let painted = try drawSegmentationMasks(image, masks: masks, alpha: alpha, colors: colors)
            #expect(painted.pixels == expected, "case \(k): \(width)×\(height), \(maskCount) masks, alpha \(alpha)")
        }
        #expect(r.isAtEnd)
    }

    @Test("colours by name, #rgb and #rrggbb as PIL's ImageColor.getrgb; torchvision's palette")
    func colors() throws {
        #expect(try Color("DarkOrange") == Color(255, 140, 0))
        #expect(try Color("#0a0") == Color(0, 170, 0))
        #expect(try Color("#123456") == Color(0x12, 0x34, 0x56))
        #expect(throws: VisionError.self) { try Color("no such colour") }
        #expect(throws: VisionError.self) { try Color("#12345") }
        #expect(throws: VisionError.self) { try Color("#-12345") }
        #expect(Color.palette(count: 3) == [Color(0, 0, 0), Color(1, 127, 31), Color(2, 254, 62)])
    }

    @Test("boxes far outside the picture are clipped without visiting their off-canvas pixels")
    func hugeBoxes() throws {
        let image = Image(width: 3, height: 2, channels: 3, pixels: Array(0..<18))
        let around = Tensor([-1e9, -1e9, 1e9, 1e9], shape: [1, 4])
        #expect(try drawBoundingBoxes(image, boxes: around, width: 1_000_000) == image)
        let gray = Image(width: 3, height: 1, channels: 1, pixels: [5, 6, 7])
        let crossing = Tensor([-1e9, 0, 1, 1e9], shape: [1, 4])
        let drawn = try drawBoundingBoxes(gray, boxes: crossing, colors: [Color(9, 9, 9)])
        #expect(drawn.pixels == [9, 9, 9, 9, 9, 9, 7, 7, 7])
    }

    @Test("bad boxes, masks and colours throw, naming what is wrong")
    func errors() throws {
        let image = Image(width: 4, height: 4, channels: 3, pixels: Array(repeating: 0, count: 48))
        #expect(throws: VisionError("drawBoundingBoxes: box 1 is [3.0, 0.0, 1.0, 2.0], not (xmin, ymin, xmax, ymax) with xmin ≤ xmax and ymin ≤ ymax")) {
            try drawBoundingBoxes(image, boxes: Tensor([0, 0, 1, 1, 3, 0, 1, 2], shape: [2, 4]))
        }
        #expect(throws: VisionError.self) { try drawBoundingBoxes(image, boxes: Tensor([0, 0, .infinity, 1], shape: [1, 4])) }
        #expect(throws: VisionError.self) { try drawBoundingBoxes(image, boxes: Tensor([0, 0, 1], shape: [1, 3])) }
        #expect(throws: VisionError.self) {
            try drawBoundingBoxes(image, boxes: Tensor.zeros([3, 4]), colors: [Color(1, 2, 3), Color(4, 5, 6)])
        }
        #expect(try drawBoundingBoxes(image, boxes: Tensor.zeros([0, 4])) == image)
        #expect(throws: VisionError.self) { try drawSegmentationMasks(image, masks: Tensor.zeros([1, 4, 5])) }
        #expect(throws: VisionError.self) { try drawSegmentationMasks(image, masks: Tensor.zeros([4, 4]), alpha: 1.5) }
        let gray = Image(width: 4, height: 4, channels: 1, pixels: Array(repeating: 0, count: 16))
        #expect(throws: VisionError.self) { try drawSegmentationMasks(gray, masks: Tensor.zeros([4, 4])) }
    }
}
