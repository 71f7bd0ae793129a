import Foundation
import LumenTestSupport
import LumenVision
import Testing

/// One make_grid call the fixture recorded.
struct GridCase {
    let input: Tensor
    let nrow: Int, padding: Int, normalize: Bool, valueRange: (Float, Float)?, scaleEach: Bool, padValue: Float

    init(_ r: inout FixtureReader) {
        let rank = r.int()
        let shape = (0..<rank).map { _ in r.int() }
        nrow = r.int()
        padding = r.int()
        normalize = r.int() != 0
        let hasRange = r.int() != 0
        let (low, high) = (r.float(), r.float())
        valueRange = hasRange ? (low, high) : nil
        scaleEach = r.int() != 0
        padValue = r.float()
        input = Tensor(r.floats(shape.reduce(1, *)), shape: shape)
    }

    var description: String {
        "input \(input.shape) nrow \(nrow) padding \(padding) normalize \(normalize) valueRange \(String(describing: valueRange)) scaleEach \(scaleEach) padValue \(padValue)"
    }
}

@Suite("Grids and saved images")
struct GridTests {
    @Test("makeGrid matches torchvision.utils.make_grid bit for bit on 1,000 random cases")
    func matchesTorchvision() throws {
        var r = try FixtureReader("make_grid.zlib")
        let count = r.int()
        var mismatches: [String] = []
        for k in 0..<count {
            let c = GridCase(&r)
            let shape = (0..<r.int()).map { _ in r.int() }
            let expected = r.floats(shape.reduce(1, *))
            let grid = try makeGrid(c.input, nrow: c.nrow, padding: c.padding, normalize: c.normalize,
                                    valueRange: c.valueRange, scaleEach: c.scaleEach, padValue: c.padValue)
            if grid.shape != shape || grid.scalars.map(\.bitPattern) != expected.map(\.bitPattern) {
                mismatches.append("case \(k): \(c.description): got shape \(grid.shape), expected \(shape)")
            }
        }
        #expect(r.isAtEnd)
        #expect(count == 1000)
        #expect(mismatches.isEmpty, "\(mismatches.count) mismatches, first: \(mismatches.prefix(3))")
    }

    @Test("saveImage writes the pixels torchvision.utils.save_image writes")
    func savedPixelsMatchTorchvision() throws {
        var r = try FixtureReader("save_image.zlib")
        let count = r.int()
        let directory = temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let path = directory + "/grid.png"
        for k in 0..<count {
            let c = GridCase(&r)
            let (height, width, channels) = (r.int(), r.int(), r.int())
            let expected = Image(width: width, height: height, channels: channels, pixels: r.bytes(height * width * channels))
            try saveImage(c.input, to: path, nrow: c.nrow, padding: c.padding, normalize: c.normalize,
                          valueRange: c.valueRange, scaleEach: c.scaleEach, padValue: c.padValue)
            let saved = try Image(contentsOf: path)
            #expect(saved == expected, "case \(k): \(c.description)")
        }
        #expect(r.isAtEnd)
    }

    @Test("a single image comes back unpadded; 1-channel images become 3-channel")
    func singleImages() throws {
        let gray = Tensor([0, 1, 2, 3], shape: [2, 2])
        let grid = try makeGrid(gray, padding: 5)
        #expect(grid.shape == [3, 2, 2])
        #expect(grid.scalars == [0, 1, 2, 3, 0, 1, 2, 3, 0, 1, 2, 3])
        let normalized = try makeGrid(Tensor([2, 4], shape: [1, 1, 2]), normalize: true)
        #expect(normalized.scalars == [0, 1, 0, 1, 0, 1])
        let two = try makeGrid(Tensor([1, 2], shape: [2, 1, 1, 1]), nrow: 1, padding: 1, padValue: 9)
        #expect(two.shape == [3, 5, 3])
        #expect(Array(two.scalars.prefix(15)) == [9, 9, 9, 9, 1, 9, 9, 9, 9, 9, 2, 9, 9, 9, 9])
    }

    @Test("unsupported shapes and arguments throw, naming the shape")
    func errors() throws {
        #expect(throws: VisionError("makeGrid: expected an [N, C, H, W], [C, H, W] or [H, W] tensor, got shape [1, 1, 1, 2, 2]")) {
            try makeGrid(Tensor.zeros([1, 1, 1, 2, 2]))
        }
        #expect(throws: VisionError("makeGrid: the tensor of shape [0, 3, 2, 2] is empty")) {
            try makeGrid(Tensor.zeros([0, 3, 2, 2]))
        }
        #expect(throws: VisionError.self) { try makeGrid(Tensor.zeros([4]) ) }
        #expect(throws: VisionError.self) { try makeGrid(Tensor.zeros([2, 3, 2, 2]), nrow: 0) }
        #expect(throws: VisionError.self) { try makeGrid(Tensor.zeros([2, 3, 2, 2]), padding: -1) }
        #expect(throws: VisionError.self) { try saveImage(Tensor.zeros([2, 5, 2, 2]), to: "/tmp/never.png") }
        #expect(throws: VisionError.self) { try saveImage(Tensor.zeros([2, 3, 2, 2]), to: "/nonexistent/dir/x.png") }
    }
}
