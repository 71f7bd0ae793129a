import ArgumentParser
import Foundation
import Lumen

/// `lumen demo`: writes the classic PyTorch TensorBoard tutorial's logs with Lumen, trains a
/// small CNN on real images in a second run beside them, and serves the board on both.
struct DemoCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo",
        abstract: "Write the tutorial's logs, train a CNN on real digits (or Fashion-MNIST) while logging what happens inside it, then serve the board."
    )

    @Option(help: "Root log directory; the demo adds a run named like PyTorch's default run directories.")
    var logdir = "runs"

    @Option(help: "What to train on: digits (bundled) or fashion-mnist.")
    var dataset: DemoDataset = .digits

    @Option(help: "Folder holding the Fashion-MNIST idx files (default: Debian's /usr/share/datasets/fashion-mnist).")
    var data: String?

    @Option(help: "Training epochs (default: 10 for digits, 2 for fashion-mnist).")
    var epochs: Int?

    @Option(help: "Port for the board (the next free one is used if it is taken).")
    var port = 6006

    @Flag(help: "Write the logs and exit without serving the board.")
    var noServe = false

    func validate() throws {
        if let epochs, epochs < 1 { throw ValidationError("--epochs must be at least 1") }
        if data != nil && dataset != .fashionMNIST { throw ValidationError("--data is for --dataset fashion-mnist") }
    }

    func run() async throws {
        let runDir = runDirectory(comment: "_demo")
        try DemoLogs.writeScalars(to: runDir)
        try DemoLogs.writeImages(to: runDir)
        try DemoLogs.writeHistogramsAndText(to: runDir)
        try DemoLogs.writeGraph(to: runDir)
        say("""
            Wrote the demo's logs to \(runDir):
              scalars     y=2x, y=pow(2, x) and the data/scalar_group chart (xsinx, xcosx, arctanx), steps 0–99
              images      fake_img, steps 1–5
              histograms  weights/layer1 and weights/layer2, steps 0–49
              text        notes
              graph       the course LeNet, traced on a 1×3×32×32 input
            """)
        try train()
        if noServe {
            say("View them with:  swift run lumen board --logdir \(logdir)")
            return
        }
        try await BoardLauncher.serve(spec: LogdirSpec(logdir: logdir), host: "127.0.0.1", port: PortProbe.firstFree(from: port), reloadInterval: 1)
    }

    /// A new run directory under `--logdir`, named like PyTorch's default run directories.
    private func runDirectory(comment: String) -> String {
        (logdir as NSString).appendingPathComponent((SummaryWriter.defaultLogDir(comment: comment) as NSString).lastPathComponent)
    }

    /// Trains the demo network on the chosen dataset in its own run.
    private func train() throws {
        let runDir = runDirectory(comment: "_lenet-gap_\(dataset.rawValue)")
        let epochs = self.epochs ?? dataset.defaultEpochs
        say("\nTraining LeNetGAP on \(dataset.rawValue) for \(epochs) epochs; logging into \(runDir)")
        switch dataset {
        case .digits:
            let splits = try DemoDataset.digitsSplits()
            say("  \(splits.train.count) training and \(splits.valid.count) validation images, 32×32")
            let result = try TrainingDemo(dataset: dataset, splits: splits, epochs: epochs, runDir: runDir).run()
            report(accuracy: result.validAccuracy, seconds: result.seconds)
        case .fashionMNIST:
            let splits = try DemoDataset.fashionSplits(folder: data)
            say("  \(splits.train.count) training and \(splits.valid.count) test images, 28×28")
            let result = try TrainingDemo(dataset: dataset, splits: splits, epochs: epochs, runDir: runDir).run()
            report(accuracy: result.validAccuracy, seconds: result.seconds)
        }
    }

    private func report(accuracy: Double, seconds: Double) {
        say(String(format: "Validation accuracy %.2f%% after %.0f s of training.", accuracy * 100, seconds))
        say("  logged: Loss and Accuracy (train / valid), Learning rate, each parameter's _data and _grad histograms,")
        say("          the input batch, conv1's kernels, conv1 and relu3 feature maps, CAM and Grad-CAM overlays, graph, summary")
    }
}

extension DemoDataset: ExpressibleByArgument {}
