import ArgumentParser
import Foundation
import Lumen

/// `lumen-bench watch`: what `watch(model, writer:, log:, every:)` adds to ResNet-18 SGD steps.
struct WatchBenchmark: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "watch",
        abstract: "The cost of watch(…, log: .all / .parameters, every: 100) on ResNet-18 SGD steps (b32 3×64×64)."
    )

    @Option(help: "Timed steps per model (after warm-up steps).") var steps = 200
    @Option(help: "watch's `every`: one training pass in this many is logged.") var every = 100
    @Flag(help: "Print one JSON object per measure.") var json = false

    /// The three models stepped side by side.
    enum Variant: Int, CaseIterable {
        case bare, all, parameters
    }

    func run() throws {
        let logRoot = FileManager.default.temporaryDirectory.appendingPathComponent("lumen-bench-watch-\(getpid())").path
        defer { try? FileManager.default.removeItem(atPath: logRoot) }
        let times = try stepTimes(logRoot: logRoot)
        let measurements = Self.measurements(times, every: every)
        if json {
            measurements.forEach { print($0.json) }
        } else {
            print("Lumen: GEMM \(BLAS.backendName), \(Parallel.threadCount) threads; \(steps) steps per model, steps of the three models interleaved; every: \(every)")
            print(Measurement.header)
            measurements.forEach { print($0.row) }
        }
    }

    /// Seconds of each timed step of three identical set-ups — no watch, `watch(log: .all)` and
    /// `watch(log: .parameters)` — taking turns step by step (the order rotating), so that load
    /// from other processes falls on all three alike.
    func stepTimes(logRoot: String) throws -> [Variant: [Double]] {
        let generator = Generator(seed: 6)
        let x = Tensor.randn([32, 3, 64, 64], generator: generator)
        let labels = Tensor.randint(0, 10, [32], generator: generator)
        let models = Variant.allCases.map { _ in ResNet.resnet18(numClasses: 10) }
        let optimizers = models.map { SGD($0.parameters(), lr: 0.01, momentum: 0.9) }
        func step(_ variant: Variant) throws {
            let (model, optimizer) = (models[variant.rawValue], optimizers[variant.rawValue])
            optimizer.zeroGrad()
            try model(x).crossEntropy(labels).backward()
            optimizer.step()
        }
        for _ in 0..<2 { for variant in Variant.allCases { try step(variant) } }

        let writers = try [Variant.all, .parameters].map { try SummaryWriter(logDir: "\(logRoot)/\($0)") }
        let handles = [
            watch(models[Variant.all.rawValue], writer: writers[0], log: .all, every: every),
            watch(models[Variant.parameters.rawValue], writer: writers[1], log: .parameters, every: every),
        ]
        defer {
            handles.forEach { $0.remove() }
            writers.forEach { try? $0.close() }
        }
        var times: [Variant: [Double]] = [:]
        for index in 0..<Swift.max(1, steps) {
            for turn in 0..<3 {
                let variant = Variant(rawValue: (index + turn) % 3)!
                times[variant, default: []].append(try seconds { try step(variant) })
            }
        }
        return times
    }

    /// The step times and the overheads: the whole one (mean step time against the bare mean),
    /// and its two parts — the hooks on every step (median against median) and the extra time
    /// of a logged step (steps 1, every + 1, … against the variant's median), also spread over
    /// the `every` steps it stands for. The whole figure carries the machine's noise (a few per
    /// cent on a shared machine); the logging part is steadier.
    static func measurements(_ times: [Variant: [Double]], every: Int) -> [Measurement] {
        func mean(_ values: [Double]) -> Double { values.reduce(0, +) / Double(values.count) }
        let bare = times[.bare]!
        var rows = [Measurement(name: "step_bare", lumen: mean(bare) * 1e3, reference: nil, unit: "ms (mean)", higherIsBetter: false),
                    Measurement(name: "step_bare_median", lumen: median(bare) * 1e3, reference: nil, unit: "ms (median)", higherIsBetter: false)]
        for (variant, label) in [(Variant.all, "all"), (.parameters, "parameters")] {
            let watched = times[variant]!
            let logged = stride(from: 0, to: watched.count, by: every).map { watched[$0] }
            rows += [
                Measurement(name: "step_\(label)", lumen: mean(watched) * 1e3, reference: nil, unit: "ms (mean)", higherIsBetter: false),
                Measurement(name: "overhead_\(label)", lumen: (mean(watched) / mean(bare) - 1) * 100, reference: nil,
                            unit: "% (mean vs mean)", higherIsBetter: false),
                Measurement(name: "hooks_\(label)", lumen: (median(watched) / median(bare) - 1) * 100, reference: nil,
                            unit: "% (median vs median)", higherIsBetter: false),
                Measurement(name: "logged_step_\(label)", lumen: (mean(logged) - median(watched)) * 1e3, reference: nil,
                            unit: "ms extra per logged step (\(logged.count))", higherIsBetter: false),
                Measurement(name: "logging_\(label)", lumen: (mean(logged) - median(watched)) / Double(every) / median(bare) * 100,
                            reference: nil, unit: "% (logged steps' extra over every step)", higherIsBetter: false),
            ]
        }
        return rows
    }
}
