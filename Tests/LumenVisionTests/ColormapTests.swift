import LumenVision
import Testing

@Suite("Colour maps and overlays")
struct ColormapTests {
    @Test("tables and apply() match OpenCV's applyColorMap (as RGB)")
    func matchesOpenCV() throws {
        var r = try FixtureReader("colormaps.zlib")
        let maps = r.int()
        for _ in 0..<maps {
            let map = try #require(Colormap(rawValue: r.string()))
            #expect(map.table == r.bytes(768), "\(map)")
        }
        let cases = r.int()
        for k in 0..<cases {
            let map = try #require(Colormap(rawValue: r.string()))
            let (height, width) = (r.int(), r.int())
            let values = Tensor(r.floats(height * width), shape: [height, width])
            let expected = Image(width: width, height: height, channels: 3, pixels: r.bytes(height * width * 3))
            #expect(try map.apply(values) == expected, "case \(k): \(map) \(width)×\(height)")
        }
        #expect(r.isAtEnd)
        #expect(Colormap.gray.table[(200 * 3)..<(201 * 3)] == [200, 200, 200])
        #expect(try Colormap.gray.apply(Tensor([-1, 2, .nan, 0.5], shape: [2, 2])).pixels
                == [0, 0, 0, 255, 255, 255, 0, 0, 0, 127, 127, 127])
        #expect(throws: VisionError.self) { try Colormap.jet.apply(Tensor.zeros([1, 2, 2])) }
    }

    @Test("overlay matches pytorch-grad-cam's show_cam_on_image(use_rgb=True) byte for byte")
    func overlayMatchesGradCAM() throws {
        var r = try FixtureReader("overlay.zlib")
        let cases = r.int()
        for k in 0..<cases {
            let map = try #require(Colormap(rawValue: r.string()))
            let weight = r.float()
            let (height, width) = (r.int(), r.int())
            let heatmap = Tensor(r.floats(height * width), shape: [height, width])
            let image = Tensor(r.floats(3 * height * width), shape: [3, height, width])
            let expected = Image(width: width, height: height, channels: 3, pixels: r.bytes(height * width * 3))
            let shown = try overlay(heatmap: heatmap, on: image, imageWeight: weight, colormap: map)
            #expect(shown == expected, "case \(k): \(map) weight \(weight) \(width)×\(height)")
        }
        #expect(r.isAtEnd)
    }

    @Test("an 8-bit picture overlays as its ToTensor values do")
    func overlayOnImage() throws {
        let picture = Image(width: 2, height: 1, channels: 3, pixels: [0, 128, 255, 10, 20, 30])
        let heatmap = Tensor([0.2, 0.9], shape: [1, 2])
        #expect(try overlay(heatmap: heatmap, on: picture, imageWeight: 0.3, colormap: .viridis)
                == overlay(heatmap: heatmap, on: picture.tensor(), imageWeight: 0.3, colormap: .viridis))
    }

    @Test("pictures outside 0…1, bad weights and mismatched shapes throw")
    func errors() throws {
        let heatmap = Tensor.zeros([2, 2])
        #expect(throws: VisionError("overlay: the picture's values must be in 0…1, value 1.5 at index 0 is not")) {
            try overlay(heatmap: heatmap, on: Tensor([1.5] + Array(repeating: 0, count: 11), shape: [3, 2, 2]))
        }
        #expect(throws: VisionError.self) { try overlay(heatmap: heatmap, on: Tensor.zeros([3, 2, 2]), imageWeight: 1.1) }
        #expect(throws: VisionError.self) { try overlay(heatmap: heatmap, on: Tensor.zeros([3, 2, 3])) }
        let gray = Image(width: 2, height: 2, channels: 1, pixels: [0, 0, 0, 0])
        #expect(throws: VisionError.self) { try overlay(heatmap: heatmap, on: gray) }
    }
}
