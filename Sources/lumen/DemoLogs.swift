import Foundation
import Lumen

/// The demo's logging programs: the scalar and image examples of PyTorch's TensorBoard tutorial.
enum DemoLogs {
    /// `y=2x`, `y=pow(2, x)` and a three-line chart `data/scalar_group` for x in 0..<100.
    static func writeScalars(to runDir: String) throws {
        let writer = try SummaryWriter(logDir: runDir)
        for x in 0..<100 {
            let v = Double(x)
            writer.addScalar("y=2x", v * 2, step: x)
            writer.addScalar("y=pow(2, x)", pow(2, v), step: x)
            writer.addScalars("data/scalar_group", ["xsinx": v * sin(v), "xcosx": v * cos(v), "arctanx": atan(v)], step: x)
        }
        try writer.close()
    }

    /// `fake_img` at steps 1–5: random CHW noise, ones, ones × 1.1 (taken as 0…255 values by the
    /// default scaling, so almost black), a random HW gray image and a random HWC image.
    static func writeImages(to runDir: String) throws {
        let writer = try SummaryWriter(logDir: runDir, filenameSuffix: "_images")
        var random = SplitMix64(seed: 42)
        let side = 512
        func noise(_ count: Int) -> [Float] { (0..<count).map { _ in random.nextUnitFloat() } }
        try writer.addImage("fake_img", noise(3 * side * side), shape: [3, side, side], step: 1)
        try writer.addImage("fake_img", [Float](repeating: 1, count: 3 * side * side), shape: [3, side, side], step: 2)
        try writer.addImage("fake_img", [Float](repeating: 1.1, count: 3 * side * side), shape: [3, side, side], step: 3)
        try writer.addImage("fake_img", noise(side * side), shape: [side, side], dataFormats: .hw, step: 4)
        try writer.addImage("fake_img", noise(side * side * 3), shape: [side, side, 3], dataFormats: .hwc, step: 5)
        try writer.close()
    }
}

/// A small, fast, seeded generator (SplitMix64), so the demo's images are reproducible.
struct SplitMix64 {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// Uniform in [0, 1), with 24 random bits.
    mutating func nextUnitFloat() -> Float { Float(next() >> 40) / Float(1 << 24) }
}
