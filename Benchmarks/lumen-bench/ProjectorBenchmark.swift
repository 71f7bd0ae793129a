import ArgumentParser
import Foundation
import LumenServer

/// `lumen-bench projector`: the board's exact PCA of an embedding (every point), beside
/// scikit-learn's and numpy's exact PCA of the same matrix in a child Python.
struct ProjectorBenchmark: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "projector",
        abstract: "Exact PCA of a rows × columns embedding (the projector's first picture), beside scikit-learn and numpy."
    )

    @Option(help: "Points.") var rows = 100_000
    @Option(help: "Features per point.") var columns = 768
    @Option(help: "Rounds of each.") var repeats = 3
    @Option(help: "Python with numpy (and scikit-learn) for the reference.") var python = ProcessInfo.processInfo.environment["LUMEN_BENCH_PYTHON"] ?? "/root/venv-torch/bin/python"
    @Flag(help: "Print one JSON object per measure.") var json = false

    func validate() throws {
        guard repeats > 0, rows > 1, columns > 0 else { throw ValidationError("--repeats, --rows and --columns must be positive (rows > 1)") }
    }

    /// Points on a few strong directions plus noise, seeded, so every run sees the same matrix.
    static func matrix(rows: Int, columns: Int) -> [Float] {
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        func uniform() -> Float {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Float(state >> 40) / Float(1 << 24) - 0.5
        }
        let directions = (0..<8).map { _ in (0..<columns).map { _ in uniform() } }
        var values = [Float](repeating: 0, count: rows * columns)
        for row in 0..<rows {
            let weights = (0..<8).map { k in uniform() * Float(8 - k) }
            for j in 0..<columns {
                var v = uniform() * 0.5 + 3
                for k in 0..<8 { v += weights[k] * directions[k][j] }
                values[row * columns + j] = v
            }
        }
        return values
    }

    func run() throws {
        print("generating \(rows) × \(columns) …")
        let values = Self.matrix(rows: rows, columns: columns)
        let matrix = EmbeddingMatrix(rows: rows, columns: columns, values: values)
        let file = NSTemporaryDirectory() + "lumen-bench-projector-\(getpid()).f32"
        try values.withUnsafeBytes { try Data($0).write(to: URL(fileURLWithPath: file)) }
        defer { try? FileManager.default.removeItem(atPath: file) }
        var lumen: [Double] = []
        var explained: [Double] = []
        for _ in 0..<repeats {
            lumen.append(seconds { explained = PrincipalComponents(of: matrix).varianceExplained })
        }
        var environment = ProcessInfo.processInfo.environment
        // The machine's OpenBLAS settings are for Lumen's own tests; numpy's OpenBLAS picks its kernel.
        environment["OPENBLAS_CORETYPE"] = nil
        environment["OPENBLAS_L2_SIZE"] = nil
        let reference = runJSONProcess(executable: python, arguments: [referenceDirectory + "/pca_reference.py", file, String(rows), String(columns), String(repeats)],
                                       environment: environment, timeout: 1_800)
        let sklearn = ((reference?["sklearn_seconds"] as? [Double]) ?? []).sorted()
        let numpy = ((reference?["numpy_seconds"] as? [Double]) ?? []).sorted()
        lumen.sort()
        let median = { (s: [Double]) -> Double? in s.isEmpty ? nil : s.count % 2 == 1 ? s[s.count / 2] : (s[s.count / 2 - 1] + s[s.count / 2]) / 2 }
        let measurements = [
            Measurement(name: "pca_s_min", lumen: lumen[0], reference: sklearn.first, unit: "s", higherIsBetter: false),
            Measurement(name: "pca_s_median", lumen: median(lumen)!, reference: median(sklearn), unit: "s", higherIsBetter: false),
            Measurement(name: "pca_vs_numpy_s_min", lumen: lumen[0], reference: numpy.first, unit: "s", higherIsBetter: false),
            Measurement(name: "pca_vs_numpy_s_median", lumen: median(lumen)!, reference: median(numpy), unit: "s", higherIsBetter: false),
        ]
        if json {
            measurements.forEach { print($0.json) }
        } else {
            print("\(rows) × \(columns), \(repeats) rounds; variance explained Lumen \(explained.map { String(format: "%.5f", $0) }), reference \((reference?["variance_explained"] as? [Double])?.map { String(format: "%.5f", $0) } ?? [])")
            print("Lumen \(lumen.map { String(format: "%.3f", $0) }) s; scikit-learn \(sklearn.map { String(format: "%.3f", $0) }) s; numpy \(numpy.map { String(format: "%.3f", $0) }) s")
            print("reference: \(reference?["reference"] as? String ?? "not run") (\(python))")
            print(Measurement.header)
            measurements.forEach { print($0.row) }
        }
    }
}
