import ArgumentParser
import Foundation
import Lumen

/// `lumen demo`: writes the classic PyTorch TensorBoard tutorial's logs with Lumen.
struct DemoCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo",
        abstract: "Write the demo's training logs into a new run under --logdir, then serve the board on them."
    )

    @Option(help: "Root log directory; the demo adds a run named like PyTorch's default run directories.")
    var logdir = "runs"

    @Option(help: "Port for the board (the next free one is used if it is taken).")
    var port = 6006

    @Flag(help: "Write the logs and exit without serving the board.")
    var noServe = false

    func run() async throws {
        let runDir = (logdir as NSString).appendingPathComponent(
            (SummaryWriter.defaultLogDir(comment: "_demo") as NSString).lastPathComponent)
        try DemoLogs.writeScalars(to: runDir)
        try DemoLogs.writeImages(to: runDir)
        try DemoLogs.writeHistogramsAndText(to: runDir)
        try DemoLogs.writeGraph(to: runDir)
        print("""
            Wrote the demo's logs to \(runDir):
              scalars     y=2x, y=pow(2, x) and the data/scalar_group chart (xsinx, xcosx, arctanx), steps 0–99
              images      fake_img, steps 1–5
              histograms  weights/layer1 and weights/layer2, steps 0–49
              text        notes
              graph       the course LeNet, traced on a 1×3×32×32 input
            """)
        if noServe {
            print("View them with:  swift run lumen board --logdir \(logdir)")
            return
        }
        try await BoardLauncher.serve(logdir: logdir, host: "127.0.0.1", port: PortProbe.firstFree(from: port), reloadInterval: 5)
    }
}
