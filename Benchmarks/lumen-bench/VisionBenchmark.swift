import ArgumentParser
import Foundation
import Lumen

/// `lumen-bench vision`: grids, resizing, JPEG decoding and an augmenting image loader, beside
/// torchvision.
struct VisionBenchmark: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "vision",
        abstract: "makeGrid, Resize, JPEG decoding and an ImageFolder → DataLoader pipeline, Lumen vs torchvision."
    )

    @Option(help: "Timed calls per round of the short measures (after a warm-up call).") var repeats = 20
    @Option(help: "Timed loader epochs per round (after an untimed one).") var epochs = 3
    @Option(help: "Folder for the generated pictures, kept between runs.")
    var data = FileManager.default.temporaryDirectory.appendingPathComponent("lumen-bench-vision").path
    @Option(help: "Seconds after which a reference run is stopped.") var timeout = 900.0
    @Option(help: "Python with torch, torchvision, PIL and scikit-image for the reference (or LUMEN_BENCH_PYTHON).")
    var python = defaultPython()
    @Flag(help: "Print one JSON object per measure.") var json = false

    var script: String { referenceDirectory + "/vision_reference.py" }

    func run() throws {
        // The pictures come from the reference's Python (scikit-image's sample photos, PIL's
        // encoder); without them only the in-memory measures run.
        let prepared = runReference(script: script, arguments: ["prepare", data], python: python, timeout: timeout) != nil
        // Every side keeps its best figures.
        let rounds = try alternatingRounds(lumen: { try measureLumen(withFiles: prepared) }) {
            runReference(script: script, arguments: ["measure", data, String(repeats), String(epochs)], python: python, timeout: timeout)
        }
        let higher = Set(Self.rows.filter(\.higherIsBetter).map(\.name))
        let lumen = bestOf(rounds.lumen, higherIsBetter: higher), reference = bestOf(rounds.reference, higherIsBetter: higher)
        let measurements = Self.rows.compactMap { row in
            lumen[row.name].map {
                Measurement(name: row.name, lumen: $0, reference: reference[row.name], unit: row.unit, higherIsBetter: row.higherIsBetter)
            }
        }
        if json {
            measurements.forEach { print($0.json) }
        } else {
            let first = rounds.firstReference
            print("Lumen: \(Parallel.threadCount) threads; reference: \(first?["reference"] as? String ?? "not available"), \(Int(first?["threads"] as? Double ?? 0)) threads (python: \(python)); pictures in \(data)")
            print(Measurement.header)
            measurements.forEach { print($0.row) }
        }
    }

    /// One printed measure.
    struct Row {
        let name: String, unit: String, higherIsBetter: Bool
    }

    /// The measures, in print order.
    static let rows = [
        Row(name: "make_grid", unit: "ms (median)", higherIsBetter: false),
        Row(name: "make_grid_min", unit: "ms (min)", higherIsBetter: false),
        Row(name: "resize", unit: "ms (median)", higherIsBetter: false),
        Row(name: "resize_min", unit: "ms (min)", higherIsBetter: false),
        Row(name: "decode_jpeg", unit: "ms (median)", higherIsBetter: false),
        Row(name: "decode_jpeg_min", unit: "ms (min)", higherIsBetter: false),
        Row(name: "loader", unit: "images/s (median)", higherIsBetter: true),
        Row(name: "loader_max", unit: "images/s (best)", higherIsBetter: true),
        Row(name: "loader_persistent", unit: "images/s (median; ref persistent workers)", higherIsBetter: true),
        Row(name: "loader_persistent_max", unit: "images/s (best; ref persistent workers)", higherIsBetter: true),
    ]
}

extension VisionBenchmark {
    /// One round of every measure Lumen has; those reading files only `withFiles`.
    func measureLumen(withFiles: Bool) throws -> [String: Double] {
        var figures: [String: Double] = [:]
        func record(_ name: String, _ times: [Double]) {
            figures[name] = median(times)
            figures[name + "_min"] = times.min()!
        }
        let batch = Tensor.randn([64, 3, 64, 64], generator: Generator(seed: 7))
        record("make_grid", try milliseconds { _ = try makeGrid(batch, normalize: true, scaleEach: true) })

        let picture = Tensor.rand([3, 512, 512], generator: Generator(seed: 8))
        let resize = Resize([224, 224], interpolation: .bilinear, antialias: true)
        record("resize", try milliseconds { _ = try resize(.tensor(picture)) })
        guard withFiles else { return figures }

        let encoded = [UInt8](try Data(contentsOf: URL(fileURLWithPath: data + "/photo_512.jpg")))
        record("decode_jpeg", try milliseconds { _ = try Image(encoded: encoded) })

        let rates = try loaderRates()
        figures["loader"] = median(rates)
        figures["loader_max"] = rates.max()!
        // Lumen's workers are threads started with each epoch; torch's persistent worker
        // processes start once, so their figure leaves the start-up out.
        figures["loader_persistent"] = figures["loader"]
        figures["loader_persistent_max"] = figures["loader_max"]
        return figures
    }

    /// Images per second of each timed epoch, after an untimed one that warms the page cache:
    /// the generated folder's JPEGs through `RandomResizedCrop(64)`, `RandomHorizontalFlip`,
    /// `ToTensor` and ImageNet's `Normalize`, shuffled, in batches of 64 loaded by two workers.
    func loaderRates() throws -> [Double] {
        let transform = Compose([
            RandomResizedCrop(64), RandomHorizontalFlip(), ToTensor(),
            Normalize(mean: [0.485, 0.456, 0.406], std: [0.229, 0.224, 0.225]),
        ])
        let folder = try ImageFolder(root: data + "/folder", transform: transform)
        let loader = DataLoader(folder, batchSize: 64, shuffle: true, generator: Generator(seed: 9), workers: 2)
        var rates: [Double] = []
        for epoch in 0...Swift.max(1, epochs) {
            var images = 0
            let time = try seconds { try loader.forEachBatch { batch, _ in images += batch.shape[0] } }
            if epoch > 0 { rates.append(Double(images) / time) }
        }
        return rates
    }

    /// Milliseconds of each of `repeats` timed calls of `job`, after one warm-up call.
    func milliseconds(_ job: () throws -> Void) rethrows -> [Double] {
        try job()
        return try (0..<Swift.max(1, repeats)).map { _ in try seconds(job) * 1e3 }
    }
}
