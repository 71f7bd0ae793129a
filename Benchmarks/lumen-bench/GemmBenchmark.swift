import ArgumentParser
import CLumenBLAS
import Foundation
import Lumen

/// `lumen-bench gemm`: sgemm GFLOP/s of Lumen's backends beside OpenBLAS, both as the
/// environment configures it and choosing its own kernel.
///
/// Every figure comes from a child process (this program with `--child`), because the backend is
/// chosen once per process and OpenBLAS reads `OPENBLAS_CORETYPE` / `OPENBLAS_L2_SIZE` when it
/// loads: the "own kernel" reference runs with both removed from its environment only. The
/// children run in alternating rounds, so load from other processes favours none of them; the
/// table gives each side's median over the rounds and the ratio of the medians, and the
/// `…_worst` rows the round in which Lumen fared worst against that reference.
struct GemmBenchmark: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "gemm",
        abstract: "sgemm 1024² and 4096×4096×256 through Lumen's backends vs OpenBLAS as configured and choosing its own kernel."
    )

    @Option(help: "Alternating rounds (each side runs once per round).") var rounds = 5
    @Option(help: "Timed products per shape in each run (the fastest counts).") var repeats = 10
    @Flag(help: "Print one JSON object per measure.") var json = false
    @Option(help: .hidden) var child: ChildMode?

    /// How a child process multiplies: through `BLAS.sgemm`, split across Lumen's threads as
    /// `Tensor.mm` does, or through the backend called once with all threads (OpenBLAS's own
    /// threading).
    enum ChildMode: String, ExpressibleByArgument { case lumen, direct }

    static let shapes: [(name: String, m: Int, n: Int, k: Int)] = [("1024", 1024, 1024, 1024), ("4096x4096x256", 4096, 4096, 256)]

    /// A process to measure: a label, its `--child` mode and its environment changes (nil
    /// removes a variable).
    struct Side {
        let label: String
        let mode: ChildMode
        let environment: [String: String?]
    }

    func run() throws {
        if let child {
            return measureInThisProcess(child)
        }
        let openblasVariables: [String: String?] = ["OPENBLAS_CORETYPE": nil, "OPENBLAS_L2_SIZE": nil]
        let kernels: [String] = ["avx512", "avx2"].filter { lumen_sgemm_kernel_supported($0) != 0 }
        let lumenSides = [Side(label: "default", mode: .lumen, environment: ["LUMEN_BLAS": nil])]
            + kernels.map { Side(label: $0, mode: .lumen, environment: ["LUMEN_BLAS": $0]) }
        let references = [
            Side(label: "openblas_configured", mode: .direct, environment: ["LUMEN_BLAS": "openblas"]),
            Side(label: "openblas_own", mode: .direct, environment: openblasVariables.merging(["LUMEN_BLAS": "openblas"]) { $1 }),
        ]
        var figures: [String: [[String: Double]]] = [:]  // side label → one figure set per round
        var backends: [String: String] = [:]
        for _ in 0..<rounds {
            for side in lumenSides + references {
                guard let result = measureInChild(side) else { continue }
                backends[side.label] = result["backend"] as? String
                figures[side.label, default: []].append(result.compactMapValues { $0 as? Double })
            }
        }
        var measurements: [Measurement] = []
        for shape in Self.shapes {
            for lumen in lumenSides {
                for reference in references {
                    let pairs = zip(figures[lumen.label] ?? [], figures[reference.label] ?? []).compactMap { l, r -> (Double, Double)? in
                        guard let x = l[shape.name], let y = r[shape.name] else { return nil }
                        return (x, y)
                    }
                    guard !pairs.isEmpty else { continue }
                    let name = "sgemm_\(shape.name)_\(lumen.label)_vs_\(reference.label)"
                    let unit = "GFLOP/s (\(backends[lumen.label] ?? "?") / \(backends[reference.label] ?? "?"))"
                    measurements.append(Measurement(name: name, lumen: median(pairs.map { $0.0 }), reference: median(pairs.map { $0.1 }), unit: unit + ", medians"))
                    let worst = pairs.min { $0.0 / $0.1 < $1.0 / $1.1 }!
                    measurements.append(Measurement(name: name + "_worst", lumen: worst.0, reference: worst.1, unit: unit + ", worst round"))
                }
            }
        }
        if json {
            measurements.forEach { print($0.json) }
        } else {
            print("\(Parallel.threadCount) threads, \(rounds) alternating rounds, best of \(repeats) products per run; "
                + "OPENBLAS_CORETYPE=\(ProcessInfo.processInfo.environment["OPENBLAS_CORETYPE"] ?? "unset") in the configured reference")
            print(Measurement.header)
            measurements.forEach { print($0.row) }
        }
    }

    /// Runs this program with `--child` and the side's environment; its figures by shape name,
    /// and "backend".
    func measureInChild(_ side: Side) -> [String: Any]? {
        var environment = ProcessInfo.processInfo.environment
        for (name, value) in side.environment { environment[name] = value }
        let executable = Bundle.main.executablePath ?? CommandLine.arguments[0]
        return runJSONProcess(executable: executable,
                              arguments: ["gemm", "--child", side.mode.rawValue, "--repeats", String(repeats)],
                              environment: environment, timeout: 600)
    }

    /// Prints, as one JSON object, GFLOP/s for each shape and the backend's name.
    func measureInThisProcess(_ mode: ChildMode) {
        var result: [String: Any] = ["backend": BLAS.backendName]
        if mode == .direct { lumen_blas_set_threads(Int32(Parallel.threadCount)) }
        let generator = Generator(seed: 2)
        for shape in Self.shapes {
            let a = Tensor.randn([shape.m * shape.k], generator: generator).scalars
            let b = Tensor.randn([shape.k * shape.n], generator: generator).scalars
            var c = [Float](repeating: 0, count: shape.m * shape.n)
            let flops = 2.0 * Double(shape.m) * Double(shape.n) * Double(shape.k)
            let time = bestSeconds(repeats) {
                c.withUnsafeMutableBufferPointer { out in
                    if mode == .direct {
                        lumen_sgemm(0, 0, Int32(shape.m), Int32(shape.n), Int32(shape.k), 1, a, Int32(shape.k), b, Int32(shape.n), 0,
                                    out.baseAddress!, Int32(shape.n))
                    } else {
                        BLAS.sgemm(transposeA: false, transposeB: false, m: shape.m, n: shape.n, k: shape.k, a, lda: shape.k, b,
                                   ldb: shape.n, beta: 0, out.baseAddress!, ldc: shape.n)
                    }
                }
            }
            result[shape.name] = flops / 1e9 / time
        }
        let data = try! JSONSerialization.data(withJSONObject: result)
        print(String(decoding: data, as: UTF8.self))
    }
}
