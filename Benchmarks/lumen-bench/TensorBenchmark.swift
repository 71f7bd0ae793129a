import ArgumentParser
import CLumenBLAS
import Foundation
import Lumen

/// `lumen-bench tensor`: convolution, GEMM and element-wise throughput, beside torch.
struct TensorBenchmark: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tensor",
        abstract: "Conv2d forward+backward (a ResNet layer and a LeNet layer), 2×2 max pooling, sgemm 1024² and 4M-element add/mul/relu, Lumen vs PyTorch and OpenBLAS."
    )

    @Option(help: "Timed runs per measure (the best counts; more for the short ones).") var repeats = 5
    @Option(help: "Python with torch for the reference.") var python = defaultPython()
    @Flag(help: "Print one JSON object per measure.") var json = false

    func run() throws {
        // Two rounds each, alternating (Lumen, reference, Lumen, reference), every side keeping
        // its best figures: load from other processes on a shared machine then favours neither.
        var rounds: [[Double]] = []
        var references: [[String: Any]?] = []
        for _ in 0..<2 {
            // GEMM last: calling the backend directly wakes its own threads, which keep
            // polling for a while afterwards and would slow whatever Lumen measured next.
            let conv = convolution(), small = smallConvolution(), pool = maxPooling()
            let (add, mul, relu) = elementwise()
            let (lumenGemm, direct, builtin) = gemm()
            rounds.append([conv, lumenGemm, direct, builtin, add, mul, relu, small, pool])
            references.append(runReference(script: referenceDirectory + "/tensor_reference.py", arguments: [String(repeats)], python: python))
        }
        let best = (0..<9).map { i in rounds.map { $0[i] }.max()! }
        let (conv, lumenGemm, direct, builtin, add, mul, relu) = (best[0], best[1], best[2], best[3], best[4], best[5], best[6])
        let (small, pool) = (best[7], best[8])
        let reference = bestOf(references[0], references[1])
        let backend = String(cString: lumen_blas_backend())
        let measurements = [
            Measurement(name: "conv2d_fwd_bwd", lumen: conv, reference: reference?["conv2d_fwd_bwd"] as? Double, unit: "GFLOP/s"),
            Measurement(name: "conv2d_lenet_fwd_bwd", lumen: small, reference: reference?["conv2d_lenet_fwd_bwd"] as? Double, unit: "GFLOP/s"),
            Measurement(name: "max_pool2d_fwd_bwd", lumen: pool, reference: reference?["max_pool2d_fwd_bwd"] as? Double, unit: "Gelem/s"),
            Measurement(name: "sgemm_1024", lumen: lumenGemm, reference: reference?["sgemm_1024"] as? Double, unit: "GFLOP/s (ref torch)"),
            Measurement(name: "sgemm_1024_vs_blas", lumen: lumenGemm, reference: direct, unit: "GFLOP/s (ref \(backend) direct)"),
            Measurement(name: "sgemm_1024_builtin", lumen: builtin, reference: direct, unit: "GFLOP/s (ref \(backend) direct)"),
            Measurement(name: "add_4M", lumen: add, reference: reference?["add_4M"] as? Double, unit: "Gelem/s"),
            Measurement(name: "mul_4M", lumen: mul, reference: reference?["mul_4M"] as? Double, unit: "Gelem/s"),
            Measurement(name: "relu_4M", lumen: relu, reference: reference?["relu_4M"] as? Double, unit: "Gelem/s"),
        ]
        if json {
            measurements.forEach { print($0.json) }
        } else {
            print("Lumen: GEMM \(BLAS.backendName), \(Parallel.threadCount) threads; reference: \(reference?["reference"] as? String ?? "not available"), \(Int(reference?["threads"] as? Double ?? 0)) threads (python: \(python))")
            print(Measurement.header)
            measurements.forEach { print($0.row) }
        }
    }
}

extension TensorBenchmark {
    /// Conv2d 64→64, 3×3, padding 1 on 32×64×56×56, forward and backward (input and weight
    /// gradients): GFLOP/s counting the three convolutions.
    func convolution() -> Double {
        convolutionRate(input: [32, 64, 56, 56], weight: [64, 64, 3, 3], padding: 1, seed: 1, runs: repeats)
    }

    /// LeNet's second convolution, 6→16, 5×5 on 64×6×14×14, forward and backward (input and
    /// weight gradients; Lumen convolves it directly): GFLOP/s counting the three convolutions.
    func smallConvolution() -> Double {
        convolutionRate(input: [64, 6, 14, 14], weight: [16, 6, 5, 5], padding: 0, seed: 4, runs: repeats * 10)
    }

    /// GFLOP/s of a stride-1 conv2d's forward pass, input gradient and weight gradient (three
    /// convolutions' worth), the best of `runs`.
    private func convolutionRate(input: [Int], weight: [Int], padding: Int, seed: UInt64, runs: Int) -> Double {
        let generator = Generator(seed: seed)
        let x = Tensor.randn(input, generator: generator, requiresGrad: true)
        let w = Tensor.randn(weight, generator: generator, requiresGrad: true)
        let outputShape = x.conv2d(w, padding: Pair(padding, padding)).shape
        let upstream = Tensor.randn(outputShape, generator: generator)
        let outputs = Double(outputShape.reduce(1, *)), taps = Double(weight[1] * weight[2] * weight[3])
        let flops = 3 * 2 * outputs * taps
        return flops / 1e9 / bestSeconds(runs) {
            x.grad = nil
            w.grad = nil
            try! x.conv2d(w, padding: Pair(padding, padding)).backward(gradient: upstream)
        }
    }

    /// 2×2 max pooling of 64×16×28×28, forward and backward: billions of input elements per
    /// second.
    func maxPooling() -> Double {
        let generator = Generator(seed: 5)
        let x = Tensor.randn([64, 16, 28, 28], generator: generator, requiresGrad: true)
        let upstream = Tensor.randn([64, 16, 14, 14], generator: generator)
        return Double(x.count) / 1e9 / bestSeconds(repeats * 10) {
            x.grad = nil
            try! x.maxPool2d(kernelSize: 2).backward(gradient: upstream)
        }
    }

    /// sgemm 1024² through `Tensor.mm`, through the backend called directly, and through the
    /// built-in kernel: GFLOP/s.
    func gemm() -> (lumen: Double, direct: Double, builtin: Double) {
        let generator = Generator(seed: 2)
        let n = 1024, flops = 2.0 * Double(n * n * n)
        let a = Tensor.randn([n, n], generator: generator), b = Tensor.randn([n, n], generator: generator)
        let lumen = flops / 1e9 / bestSeconds(repeats * 4) { _ = a.mm(b) }
        var c = [Float](repeating: 0, count: n * n)
        let (pa, pb) = (a.scalars, b.scalars)
        // Directly, the backend threads the GEMM itself (Lumen otherwise keeps it on one thread
        // per piece of a GEMM it splits).
        lumen_blas_set_threads(Int32(Parallel.threadCount))
        let direct = flops / 1e9 / bestSeconds(repeats * 4) {
            lumen_sgemm(0, 0, Int32(n), Int32(n), Int32(n), 1, pa, Int32(n), pb, Int32(n), 0, &c, Int32(n))
        }
        lumen_blas_set_threads(1)
        let builtin = flops / 1e9 / bestSeconds(repeats * 4) {
            c.withUnsafeMutableBufferPointer { out in
                BLAS.sgemm(transposeA: false, transposeB: false, m: n, n: n, k: n, pa, lda: n, pb, ldb: n,
                           beta: 0, out.baseAddress!, ldc: n, builtin: true)
            }
        }
        return (lumen, direct, builtin)
    }

    /// add, mul and relu on 4M floats (new result tensors, as torch's out-of-place ops):
    /// billions of elements per second.
    func elementwise() -> (add: Double, mul: Double, relu: Double) {
        let generator = Generator(seed: 3)
        let count = 4 * 1024 * 1024
        let u = Tensor.randn([count], generator: generator), v = Tensor.randn([count], generator: generator)
        let elements = Double(count) / 1e9
        let add = elements / bestSeconds(repeats * 20) { _ = u + v }
        let mul = elements / bestSeconds(repeats * 20) { _ = u * v }
        let relu = elements / bestSeconds(repeats * 20) { _ = u.relu() }
        return (add, mul, relu)
    }
}

/// Two reference runs' results, keeping the higher rate of each measure.
func bestOf(_ first: [String: Any]?, _ second: [String: Any]?) -> [String: Any]? {
    guard let first, let second else { return first ?? second }
    return first.merging(second) { a, b in
        if let x = a as? Double, let y = b as? Double { return max(x, y) }
        return a
    }
}

/// The shortest of `repeats` timed runs of `job`, after one untimed warm-up run.
func bestSeconds(_ repeats: Int, _ job: () -> Void) -> Double {
    job()
    return (0..<max(1, repeats)).map { _ in seconds(job) }.min()!
}
