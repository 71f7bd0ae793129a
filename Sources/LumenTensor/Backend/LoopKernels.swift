import CLumenKernels

/// The instruction set of LumenTensor's element-wise and direct-convolution loops (CLumenKernels):
/// AVX2 + FMA when the CPU has both, unless `LUMEN_CPU=baseline` asks for the loops compiled for
/// the baseline target. Decided once per process.
///
/// ```swift
/// print(LoopKernels.instructionSet, LoopKernels.reason)   // avx2+fma the CPU has AVX2 and FMA
/// ```
public enum LoopKernels {
    /// `avx2+fma` or `baseline`.
    public static var instructionSet: String { lumen_kernels_use_avx2() != 0 ? "avx2+fma" : "baseline" }

    /// Why that instruction set was chosen.
    public static var reason: String { String(cString: lumen_kernels_reason()) }
}
