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
        let random = Generator(seed: 42)
        let side = 512
        func noise(_ count: Int) -> [Float] { Tensor.rand([count], generator: random).scalars }
        try writer.addImage("fake_img", noise(3 * side * side), shape: [3, side, side], step: 1)
        try writer.addImage("fake_img", [Float](repeating: 1, count: 3 * side * side), shape: [3, side, side], step: 2)
        try writer.addImage("fake_img", [Float](repeating: 1.1, count: 3 * side * side), shape: [3, side, side], step: 3)
        try writer.addImage("fake_img", noise(side * side), shape: [side, side], dataFormats: .hw, step: 4)
        try writer.addImage("fake_img", noise(side * side * 3), shape: [side, side, 3], dataFormats: .hwc, step: 5)
        try writer.close()
    }

    /// The course's LeNet, traced on a 3×32×32 input, for the graph dashboard.
    static func writeGraph(to runDir: String) throws {
        let writer = try SummaryWriter(logDir: runDir, filenameSuffix: "_graph")
        writer.addGraph(LeNet(classes: 10), input: Tensor.zeros([1, 3, 32, 32]))
        try writer.close()
    }
}

extension DemoLogs {
    /// Two layers' weights whose spread narrows and mean drifts as "training" goes on, and a
    /// Markdown note: material for the histogram, distribution and text dashboards.
    static func writeHistogramsAndText(to runDir: String) throws {
        let writer = try SummaryWriter(logDir: runDir, filenameSuffix: "_histograms")
        let random = Generator(seed: 7)
        for step in 0..<50 {
            let t = Float(step) / 49
            let layer1 = Tensor.randn([2_000], generator: random).scalars.map { $0 * (1 - 0.6 * t) + 0.5 * t }
            let layer2 = Tensor.randn([2_000], generator: random).scalars.map { abs($0) * (0.2 + t) }
            try writer.addHistogram("weights/layer1", layer1, step: step)
            try writer.addHistogram("weights/layer2", layer2, step: step)
        }
        writer.addText("notes", """
            ## Lumen demo
            Scalars, images and histograms written with **Lumen's** `SummaryWriter`:
            - `y=2x` and `y=pow(2, x)` — one chart each
            - `data/scalar_group` — three runs on one chart
            """, step: 0)
        try writer.close()
    }
}
