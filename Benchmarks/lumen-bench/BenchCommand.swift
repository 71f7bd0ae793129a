import ArgumentParser

@main
struct BenchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "lumen-bench", abstract: "Lumen's benchmarks.")
}
