import ArgumentParser
import Foundation
import Lumen

/// `lumen-bench cam`: Grad-CAM and Score-CAM of a ResNet-18 at "layer4", beside
/// pytorch-grad-cam.
struct CamBenchmark: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "cam",
        abstract: "Grad-CAM and Score-CAM of ResNet-18 (1×3×224×224, layer4), Lumen vs pytorch-grad-cam 1.5.7."
    )

    @Option(help: "Timed Grad-CAM calls per round (after a warm-up call).") var gradcamRepeats = 10
    @Option(help: "Timed Score-CAM calls per round (512 forward passes each).") var scorecamRuns = 1
    @Option(help: "Masked inputs per Score-CAM forward pass, on both sides.") var scorecamBatch = 16
    @Option(help: "Seconds after which a reference run is stopped.") var timeout = 1_800.0
    @Option(help: "Python with torch, torchvision and grad-cam for the reference (or LUMEN_BENCH_PYTHON).")
    var python = defaultPython()
    @Flag(help: "Print one JSON object per measure.") var json = false

    func run() throws {
        // Every side keeps its lowest times.
        let rounds = try alternatingRounds(lumen: measureLumen) {
            runReference(script: referenceDirectory + "/cam_reference.py",
                         arguments: [String(gradcamRepeats), String(scorecamRuns), String(scorecamBatch)],
                         python: python, timeout: timeout)
        }
        let lumen = bestOf(rounds.lumen), reference = bestOf(rounds.reference)
        let measurements = Self.rows.map { name, unit in
            Measurement(name: name, lumen: lumen[name]!, reference: reference[name], unit: unit, higherIsBetter: false)
        }
        if json {
            measurements.forEach { print($0.json) }
        } else {
            let first = rounds.firstReference
            print("Lumen: GEMM \(BLAS.backendName), \(Parallel.threadCount) threads; reference: \(first?["reference"] as? String ?? "not available"), \(Int(first?["threads"] as? Double ?? 0)) threads (python: \(python))")
            print("Score-CAM: batches of \(scorecamBatch), \(scorecamRuns) timed run(s) per round")
            print(Measurement.header)
            measurements.forEach { print($0.row) }
        }
    }

    /// The measures, in print order, with their units: times, so lower is better.
    static let rows: [(String, String)] = [
        ("gradcam", "ms (median)"),
        ("gradcam_min", "ms (min)"),
        ("scorecam", "ms (median)"),
        ("scorecam_min", "ms (min)"),
    ]

    /// One round of every measure, in milliseconds: a forward pass, the backward of the top
    /// score and the map for Grad-CAM; 512 masked forward passes and the map for Score-CAM.
    func measureLumen() throws -> [String: Double] {
        let model = ResNet.resnet18()
        let x = Tensor.randn([1, 3, 224, 224], generator: Generator(seed: 5))
        let gradCAM = try GradCAM(model: model, targetLayers: ["layer4"])
        _ = try gradCAM(x, targets: nil)
        let grad = try (0..<Swift.max(1, gradcamRepeats)).map { _ in try seconds { _ = try gradCAM(x, targets: nil) } * 1e3 }
        let scoreCAM = try ScoreCAM(model: model, targetLayers: ["layer4"], batchSize: scorecamBatch)
        let score = try (0..<Swift.max(1, scorecamRuns)).map { _ in try seconds { _ = try scoreCAM(x, targets: nil) } * 1e3 }
        return ["gradcam": median(grad), "gradcam_min": grad.min()!, "scorecam": median(score), "scorecam_min": score.min()!]
    }
}
