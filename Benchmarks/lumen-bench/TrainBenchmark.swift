import ArgumentParser
import Foundation
import Lumen

/// `lumen-bench train`: whole training steps of LeNet-5 and ResNet-18 and the cost of a forward
/// hook, beside torch.
struct TrainBenchmark: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "train",
        abstract: "LeNet-5 and ResNet-18 SGD training steps and the cost of a forward hook, Lumen vs PyTorch."
    )

    @Option(help: "Timed LeNet-5 steps per round (after warm-up steps).") var lenetSteps = 40
    @Option(help: "Timed ResNet-18 steps per round (after warm-up steps).") var resnetSteps = 8
    @Option(help: "Module calls per timed run of the forward-hook measure.") var hookCalls = 200_000
    @Option(help: "Python with torch and torchvision for the reference.") var python = defaultPython()
    @Flag(help: "Print one JSON object per measure.") var json = false

    func run() throws {
        // Two rounds, alternating (Lumen, reference, Lumen, reference), every side keeping its
        // best figures: load from other processes on a shared machine then favours neither.
        var rounds: [[String: Double]] = []
        var references: [[String: Any]?] = []
        for _ in 0..<2 {
            rounds.append(try measureLumen())
            references.append(runReference(script: referenceDirectory + "/train_reference.py",
                                           arguments: [String(lenetSteps), String(resnetSteps), String(hookCalls)], python: python))
        }
        let lumen = lowestOf(rounds)
        let reference = lowestOf(references.compactMap { $0 }.map(Self.numbers))
        let measurements = Self.rows.map { name, unit in
            Measurement(name: name, lumen: lumen[name]!, reference: reference[name], unit: unit, higherIsBetter: false)
        }
        if json {
            measurements.forEach { print($0.json) }
        } else {
            let first = references.compactMap { $0 }.first
            print("Lumen: GEMM \(BLAS.backendName), \(Parallel.threadCount) threads; reference: \(first?["reference"] as? String ?? "not available"), \(Int(first?["threads"] as? Double ?? 0)) threads (python: \(python))")
            print(Measurement.header)
            measurements.forEach { print($0.row) }
        }
    }

    /// The measures, in print order, with their units: times, so lower is better.
    static let rows: [(String, String)] = [
        ("lenet_step", "ms (median)"),
        ("lenet_step_min", "ms (min)"),
        ("resnet18_step", "ms (median)"),
        ("resnet18_step_min", "ms (min)"),
        ("forward_hook", "µs per call"),
    ]

    /// The numeric fields of a reference's JSON object.
    static func numbers(_ object: [String: Any]) -> [String: Double] {
        object.compactMapValues { $0 as? Double }
    }
}

extension TrainBenchmark {
    /// One round of every measure, in milliseconds (steps) and microseconds (hook).
    func measureLumen() throws -> [String: Double] {
        let generator = Generator(seed: 4)
        let lenet = try stepTimes(model: LeNet(classes: 10), batch: 64, image: 32, steps: lenetSteps, warmUp: 5, generator: generator)
        let resnet = try stepTimes(model: ResNet.resnet18(numClasses: 10), batch: 32, image: 64, steps: resnetSteps, warmUp: 2,
                                   generator: generator)
        return [
            "lenet_step": median(lenet) * 1e3, "lenet_step_min": lenet.min()! * 1e3,
            "resnet18_step": median(resnet) * 1e3, "resnet18_step_min": resnet.min()! * 1e3,
            "forward_hook": forwardHookCost() * 1e6,
        ]
    }

    /// Seconds of each timed SGD step (lr 0.01, momentum 0.9) of `model` on a random batch of
    /// `batch` 3×`image`×`image` images with cross-entropy: zero grad, forward, loss, backward
    /// and step.
    func stepTimes(model: Module, batch: Int, image: Int, steps: Int, warmUp: Int, generator: Generator) throws -> [Double] {
        let x = Tensor.randn([batch, 3, image, image], generator: generator)
        let labels = Tensor.randint(0, 10, [batch], generator: generator)
        let optimizer = SGD(model.parameters(), lr: 0.01, momentum: 0.9)
        func step() throws {
            optimizer.zeroGrad()
            let loss = model(x).crossEntropy(labels)
            try loss.backward()
            optimizer.step()
        }
        for _ in 0..<warmUp { try step() }
        return try (0..<Swift.max(1, steps)).map { _ in try seconds(step) }
    }

    /// Seconds a registered no-op forward hook adds to one call of an `Identity` module on a
    /// four-element tensor: the best of five runs of `hookCalls` calls with the hook, minus the
    /// best of five without.
    func forwardHookCost() -> Double {
        let module = Identity()
        let x = Tensor.randn([4])
        let calls = Swift.max(1, hookCalls)
        func bestRun() -> Double {
            (0..<5).map { _ in seconds { for _ in 0..<calls { _ = module(x) } } }.min()! / Double(calls)
        }
        let bare = bestRun()
        let handle = module.registerForwardHook { _, _, _ in }
        defer { handle.remove() }
        return Swift.max(0, bestRun() - bare)
    }
}

/// The median of `values`.
func median(_ values: [Double]) -> Double {
    let sorted = values.sorted()
    let middle = sorted.count / 2
    return sorted.count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2
}

/// Rounds of figures (times), keeping the lowest of each measure.
func lowestOf(_ rounds: [[String: Double]]) -> [String: Double] {
    rounds.reduce(into: [:]) { best, round in best.merge(round) { Swift.min($0, $1) } }
}
