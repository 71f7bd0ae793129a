import Foundation
import Lumen
import LumenPNG
import LumenTestSupport
import Testing

@Suite("Logging tensors, feature maps and kernels")
struct InspectLoggingTests {
    private func withLog(_ body: (SummaryWriter) throws -> Void) throws -> EventLog {
        let dir = temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let writer = try SummaryWriter(logDir: dir)
        try body(writer)
        try writer.close()
        return try EventLog(dir)
    }

    /// The logged PNG of `tag`, decoded.
    private func picture(_ log: EventLog, _ tag: String) throws -> PNGImage {
        let value = try #require(log.values(tag).first)
        return try PNGDecoder.decode([UInt8](value.image.encodedImageString))
    }

    @Test("addFeatureMaps logs the first image's channels as makeGrid(normalize, scaleEach, nrow 8) does")
    func featureMaps() throws {
        let maps = Tensor.randn([2, 10, 5, 7], generator: Generator(seed: 3))
        let log = try withLog { try $0.addFeatureMaps("fmap", maps, step: 4) }
        let expected = try makeGrid(maps[0].reshape([10, 1, 5, 7]), nrow: 8, normalize: true, scaleEach: true)
        let png = try picture(log, "fmap")
        #expect(log.steps("fmap") == [4])
        #expect(png.width == expected.shape[2] && png.height == expected.shape[1] && png.channels == 3)
        #expect(try Image(tensor: expected).pixels == png.bytes)
        #expect(throws: VisionError.self) { try withLog { try $0.addFeatureMaps("bad", Tensor.zeros([3, 3]), step: 0) } }
    }

    @Test("addKernels: three input channels as colour tiles, otherwise one gray tile per input channel")
    func kernels() throws {
        let rgb = Tensor.randn([6, 3, 5, 5], generator: Generator(seed: 1))
        let deep = Tensor.randn([4, 2, 3, 3], generator: Generator(seed: 2))
        let log = try withLog { writer in
            try writer.addKernels("rgb", rgb, step: 1)
            try writer.addKernels("deep", deep, step: 1)
        }
        let rgbGrid = try makeGrid(rgb, nrow: 8, normalize: true, scaleEach: true)
        let deepGrid = try makeGrid(deep.reshape([8, 1, 3, 3]), nrow: 2, normalize: true, scaleEach: true)
        #expect(try picture(log, "rgb").bytes == Image(tensor: rgbGrid).pixels)
        #expect(try picture(log, "deep").bytes == Image(tensor: deepGrid).pixels)
        #expect(deepGrid.shape == [3, 4 * 5 + 2, 2 * 5 + 2])
    }

    @Test("Tensors go to addImage, addImages, addHistogram and addScalar as their arrays do")
    func tensors() throws {
        let image = Tensor.rand([3, 4, 6], generator: Generator(seed: 5))
        let log = try withLog { writer in
            try writer.addImage("image", image, step: 2)
            try writer.addImages("batch", Tensor.rand([3, 1, 4, 4], generator: Generator(seed: 6)), step: 2)
            try writer.addHistogram("values", image, step: 2)
            writer.addScalar("loss", Tensor(0.25), step: 2)
        }
        #expect(try picture(log, "image").bytes == Image(tensor: image).pixels)
        #expect(try picture(log, "batch").width == 3 * 4)   // tensorboard's own grid: no padding
        #expect(log.values("values").first?.histo.num == 72)
        #expect(log.scalars("loss") == [0.25])
    }
}
