import ArgumentParser
import Foundation
import Lumen

/// `lumen demo`: writes the classic PyTorch TensorBoard tutorial's logs with Lumen.
struct DemoCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo",
        abstract: "Write the demo's training logs into a new run under --logdir."
    )

    @Option(help: "Root log directory; the demo adds a run named like PyTorch's default run directories.")
    var logdir = "runs"

    func run() throws {
        let runDir = (logdir as NSString).appendingPathComponent(
            (SummaryWriter.defaultLogDir(comment: "_demo") as NSString).lastPathComponent)
        try DemoLogs.writeScalars(to: runDir)
        try DemoLogs.writeImages(to: runDir)
        print("""
            Wrote the demo's logs to \(runDir):
              scalars  y=2x, y=pow(2, x) and the data/scalar_group chart (xsinx, xcosx, arctanx), steps 0–99
              images   fake_img, steps 1–5
            View them with:  tensorboard --logdir \(logdir)
            """)
    }
}
