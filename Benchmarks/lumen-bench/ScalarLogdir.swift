import Foundation
import Lumen

/// The benchmarks' large scalar log directory: runs × tags × steps points written with Lumen's
/// `SummaryWriter`, as a long training run logs them.
enum ScalarLogdir {
    /// Writes `runs` runs (`run0`, `run1`, …) of `tags` tags (`group0/tag0`, …) with `steps`
    /// points each under `logdir`.
    static func generate(at logdir: String, runs: Int, tags: Int, steps: Int) throws {
        for r in 0..<runs {
            let writer = try SummaryWriter(logDir: logdir + "/run\(r)")
            for step in 0..<steps {
                for t in 0..<tags {
                    writer.addScalar("group\(t % 2)/tag\(t)", sin(Double(step) * 0.001 * Double(t + 1)) + Double(r), step: step)
                }
            }
            try writer.close()
        }
    }
}
