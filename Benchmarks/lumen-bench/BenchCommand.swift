import ArgumentParser

/// `lumen-bench`: Lumen's figures beside a reference measured in the same run.
@main
struct BenchCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "lumen-bench",
        abstract: "Measure Lumen beside its reference (PyTorch, tensorboardX) in the same run.",
        subcommands: [
            WriterBenchmark.self, ReaderBenchmark.self, BoardBenchmark.self, TensorBenchmark.self, GemmBenchmark.self, TrainBenchmark.self,
            DataBenchmark.self, VisionBenchmark.self, CamBenchmark.self, WatchBenchmark.self, ExportBenchmark.self, GroupBenchmark.self,
            S3Benchmark.self, ProjectorBenchmark.self,
        ]
    )
}
