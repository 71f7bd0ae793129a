import ArgumentParser
import Foundation
import Lumen
import LumenVision

/// `lumen-bench vision`: image transforms on a 3×512×512 tensor, beside torchvision.
struct VisionBenchmark: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "vision",
        abstract: "Resize (3×512×512 → 224×224 and up), rotate and hue shift, Lumen vs torchvision (2 torch threads)."
    )

    @Option(help: "Timed runs per measure (the best counts).") var repeats = 50
    @Option(help: "Threads for the torchvision reference.") var referenceThreads = 2
    @Option(help: "Python with torch and torchvision for the reference.") var python = defaultPython()
    @Flag(help: "Print one JSON object per measure.") var json = false

    func run() throws {
        let x = Tensor.rand([3, 512, 512], generator: Generator(seed: 0))
        let jobs: [(String, () throws -> Tensor)] = [
            ("resize_bilinear_aa", { try resize(x, size: [224, 224]) }),
            ("resize_bicubic_aa", { try resize(x, size: [224, 224], interpolation: .bicubic) }),
            ("resize_bilinear", { try resize(x, size: [224, 224], antialias: false) }),
            ("resize_up_bilinear", { try resize(x, size: [768, 768]) }),
            ("rotate_bilinear", { try rotate(x, angle: 30, interpolation: .bilinear) }),
            ("color_jitter_hue", { try adjustHue(x, 0.1) }),
        ]
        // Two rounds, alternating with the reference; each side keeps its best.
        var best = [Double](repeating: .infinity, count: jobs.count)
        var references: [[String: Any]?] = []
        for _ in 0..<2 {
            for (index, job) in jobs.enumerated() {
                best[index] = min(best[index], bestSeconds(repeats) { _ = try! job.1() } * 1e3)
            }
            references.append(runReference(script: referenceDirectory + "/vision_reference.py",
                                           arguments: [String(repeats), String(referenceThreads)], python: python))
        }
        let reference = lowestOf(references[0], references[1])
        let measurements = jobs.enumerated().map { index, job in
            Measurement(name: job.0, lumen: best[index], reference: reference?[job.0] as? Double, unit: "ms", higherIsBetter: false)
        }
        if json {
            measurements.forEach { print($0.json) }
        } else {
            print("Lumen: \(Parallel.threadCount) threads; reference: \(reference?["reference"] as? String ?? "not available"), \(Int(reference?["threads"] as? Double ?? 0)) threads (python: \(python))")
            print(Measurement.header)
            measurements.forEach { print($0.row) }
        }
    }
}

/// Two reference runs' timings, keeping the lower of each measure.
func lowestOf(_ first: [String: Any]?, _ second: [String: Any]?) -> [String: Any]? {
    guard let first, let second else { return first ?? second }
    return first.merging(second) { a, b in
        if let x = a as? Double, let y = b as? Double { return min(x, y) }
        return a
    }
}
