import Testing
import LumenVision

@Suite("Image ⇄ Tensor")
struct ImageTensorTests {
    @Test("tensor() is CHW floats byte / 255; Image(tensor:) multiplies by 255, clamps and truncates")
    func roundTrip() throws {
        let image = Image(width: 2, height: 1, channels: 3, pixels: [0, 128, 255, 10, 20, 30])
        let x = image.tensor()
        #expect(x.shape == [3, 1, 2])
        let expected: [Float] = [0, 10, 128, 20, 255, 30].map { $0 / 255 }
        #expect(x.scalars == expected)
        #expect(try Image(tensor: x) == image)
        let clamped = try Image(tensor: Tensor([-1, 0.999, 2, .nan], shape: [2, 2]))
        #expect(clamped.channels == 1 && clamped.pixels == [0, 254, 255, 0])
        #expect(throws: VisionError.self) { try Image(tensor: Tensor.zeros([5, 2, 2])) }
    }
}
