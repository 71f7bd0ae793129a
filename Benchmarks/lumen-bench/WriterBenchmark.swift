import ArgumentParser
import Foundation
import Lumen

/// `lumen-bench writer`: how fast SummaryWriter logs, beside torch.utils.tensorboard.
struct WriterBenchmark: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "writer",
        abstract: "Scalar events, 10k-value histograms and 3×256×256 float images per second, Lumen vs PyTorch, and scalars from many threads through one writer."
    )

    @Option(help: "Scalar events to log.") var scalars = 2_000_000
    @Option(help: "Histograms of 10,000 values to log.") var histograms = 4_000
    @Option(help: "3×256×256 float images to log.") var images = 400
    @Option(help: "Scalars, histograms and images for the reference (it is much slower).")
    var referenceCounts: [Int] = [100_000, 400, 50]
    @Option(help: "Python with torch (or tensorboardX) for the reference.") var python = defaultPython()
    @Option(help: "Thread counts that log scalars through one writer at once.") var threadCounts: [Int] = [2, 4, 8, 16]
    @Option(help: "Scalars logged in all by each thread count.") var threadedScalars = 400_000
    @Flag(help: "Print one JSON object per measure.") var json = false

    func run() throws {
        let root = NSTemporaryDirectory() + "lumen-bench-\(getpid())"
        defer { try? FileManager.default.removeItem(atPath: root) }
        let random = Generator(seed: 1)
        let values = Tensor.rand([10_000], generator: random).scalars.map { $0 * 6 - 3 }
        let pictures = (0..<8).map { _ in Tensor.rand([3 * 256 * 256], generator: random).scalars }

        let scalarRate = Double(scalars) / (try seconds {
            let writer = try SummaryWriter(logDir: root + "/scalars")
            for i in 0..<scalars { writer.addScalar("loss", Double(i) * 0.5, step: i) }
            try writer.close()
        })
        let histogramRate = Double(histograms) / (try seconds {
            let writer = try SummaryWriter(logDir: root + "/histograms")
            for i in 0..<histograms { try writer.addHistogram("weights", values, step: i) }
            try writer.close()
        })
        let imageRate = Double(images) / (try seconds {
            let writer = try SummaryWriter(logDir: root + "/images", floatImageScaling: .multiplyBy255)
            for i in 0..<images { try writer.addImage("noise", pictures[i % pictures.count], shape: [3, 256, 256], step: i) }
            try writer.close()
        })

        // One writer shared by many threads, against the same scalars from one thread.
        let oneThread = try threadedScalarRate(threads: 1, root: root)
        let threaded = try threadCounts.map { threads in
            Measurement(name: "scalars_\(threads)_threads", lumen: try threadedScalarRate(threads: threads, root: root),
                        reference: oneThread, unit: "events/s (ref 1 thread)")
        }

        let reference = runReference(script: referenceDirectory + "/writer_reference.py",
                                     arguments: referenceCounts.map(String.init), python: python)
        let measurements = [
            Measurement(name: "scalar_events", lumen: scalarRate, reference: reference?["scalar_events"] as? Double, unit: "events/s"),
            Measurement(name: "histograms_10k", lumen: histogramRate, reference: reference?["histograms_10k"] as? Double, unit: "histograms/s"),
            Measurement(name: "images_3x256x256", lumen: imageRate, reference: reference?["images_3x256x256"] as? Double, unit: "images/s"),
        ] + threaded
        if json {
            measurements.forEach { print($0.json) }
        } else {
            print("reference: \(reference?["reference"] as? String ?? "not available") (python: \(python))")
            print(Measurement.header)
            measurements.forEach { print($0.row) }
        }
    }
}

extension WriterBenchmark {
    /// Scalars per second when `threads` threads log ``threadedScalars`` scalars in all (each
    /// its own tag) through one `SummaryWriter`, until `close()` returns.
    func threadedScalarRate(threads: Int, root: String) throws -> Double {
        let writer = try SummaryWriter(logDir: root + "/threads-\(threads)")
        let perThread = threadedScalars / threads
        let finished = DispatchGroup()
        let elapsed = try seconds {
            for thread in 0..<threads {
                finished.enter()
                Thread {
                    for step in 0..<perThread { writer.addScalar("thread\(thread)", Double(step), step: step) }
                    finished.leave()
                }.start()
            }
            finished.wait()
            try writer.close()
        }
        return Double(perThread * threads) / elapsed
    }
}
