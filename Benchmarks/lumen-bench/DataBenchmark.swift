import ArgumentParser
import Foundation
import Lumen
import LumenVision

/// `lumen-bench data`: DataLoader throughput over the bundled digits at 32×32, without and with
/// background workers, and the speed of opening Fashion-MNIST's training set (when Debian's
/// `dataset-fashion-mnist` is installed), beside torch.
struct DataBenchmark: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "data",
        abstract: "DataLoader throughput over the digits at 32×32 (workers 0 and 2) and Fashion-MNIST opening, in images/s, Lumen vs PyTorch."
    )

    @Option(help: "Epochs per timed run.") var epochs = 5
    @Option(help: "Python with torch, torchvision and scikit-learn for the reference.") var python = defaultPython()
    @Flag(help: "Print one JSON object per measure.") var json = false

    /// Enlarges a one-channel picture to 32×32 by bilinear interpolation: the per-sample work of
    /// torchvision's `Compose([Resize(32), ToTensor()])`.
    struct Enlarge: Transform {
        func callAsFunction(_ input: TransformInput, generator: Generator) throws -> TransformInput {
            let x = input.tensor()
            return .tensor(x.unsqueeze(dim: 0).interpolate(size: Pair(32, 32), mode: .bilinear).reshape([x.shape[0], 32, 32]))
        }
    }

    func run() throws {
        // Every side keeps its highest rates.
        let rounds = try alternatingRounds(lumen: measureLumen) {
            runReference(script: referenceDirectory + "/data_reference.py", arguments: [String(epochs)], python: python)
        }
        let rates = Set(Self.rows)
        let lumen = bestOf(rounds.lumen, higherIsBetter: rates), reference = bestOf(rounds.reference, higherIsBetter: rates)
        let measurements = Self.rows.compactMap { name in
            lumen[name].map { Measurement(name: name, lumen: $0, reference: reference[name], unit: "images/s") }
        }
        if json {
            measurements.forEach { print($0.json) }
        } else {
            print("Digits, batches of 64, shuffled, \(epochs) epochs per run; best of 2 runs (python: \(python))")
            print(Measurement.header)
            measurements.forEach { print($0.row) }
        }
    }

    /// The measures in print order: pictures enlarged once up front, or by a per-sample transform;
    /// reading and decoding Fashion-MNIST's 60,000 training pictures and labels from the `.gz` files.
    static let rows = ["stored32_workers0", "stored32_workers2", "resize32_workers0", "resize32_workers2", "fashion_train_open"]

    /// Images per second for each measure.
    func measureLumen() throws -> [String: Double] {
        let stored = try Digits(size: 32)
        let resized = try Digits(transform: Enlarge())
        var figures: [String: Double] = [:]
        for workers in [0, 2] {
            figures["stored32_workers\(workers)"] = try throughput(stored, workers: workers)
            figures["resize32_workers\(workers)"] = try throughput(resized, workers: workers)
        }
        if FileManager.default.fileExists(atPath: MNIST.debianFashionMNIST) {
            var count = 0
            let time = try seconds { count = try MNIST(root: MNIST.debianFashionMNIST, train: true).count }
            figures["fashion_train_open"] = Double(count) / time
        }
        return figures
    }

    /// Images per second of `epochs` shuffled epochs in batches of 64.
    func throughput<D: Dataset>(_ dataset: D, workers: Int) throws -> Double {
        let loader = DataLoader(dataset, batchSize: 64, shuffle: true, generator: Generator(seed: 0), workers: workers)
        var images = 0
        let time = try seconds {
            for _ in 0..<Swift.max(1, epochs) {
                try loader.forEachBatch { batch, _ in images += batch.shape[0] }
            }
        }
        return Double(images) / time
    }
}
