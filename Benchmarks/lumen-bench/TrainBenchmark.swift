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
        // Every side keeps its lowest times.
        let rounds = try alternatingRounds(lumen: measureLumen) {
            runReference(script: referenceDirectory + "/train_reference.py",
                         arguments: [String(lenetSteps), String(resnetSteps), String(hookCalls)], python: python)
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

