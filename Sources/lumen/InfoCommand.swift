import ArgumentParser
import Foundation
import Lumen

/// `lumen info`: the compute backends Lumen chose on this machine.
struct InfoCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "info",
        abstract: "Print the GEMM backend, the loops' instruction set, thread count and CRC implementation in use."
    )

    func run() throws {
        let environment = ProcessInfo.processInfo.environment
        print("GEMM backend:  \(BLAS.backendName)")
        print("  because:     \(BLAS.reason)")
        print("  built-in:    \(BLAS.builtinKernel) kernel")
        print("loops:         \(LoopKernels.instructionSet) (element-wise, direct convolution)")
        print("  because:     \(LoopKernels.reason)")
        print("threads:       \(Parallel.threadCount)\(environment["LUMEN_NUM_THREADS"].map { " (LUMEN_NUM_THREADS=\($0))" } ?? " (all cores)")")
        print("CRC-32C:       \(CRC32C.hasHardwareSupport ? "hardware (SSE4.2)" : "table")")
        print("cores:         \(ProcessInfo.processInfo.activeProcessorCount)")
    }
}
