import ArgumentParser

/// `lumen`: see inside neural-network training.
@main
struct LumenCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "lumen",
        abstract: "Log, view and look inside neural-network training.",
        subcommands: [DemoCommand.self, InspectCommand.self]
    )
}
