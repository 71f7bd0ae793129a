import ArgumentParser

/// `lumen`: see inside neural-network training.
@main
struct LumenCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "lumen",
        abstract: "Log, view and look inside neural-network training.",
        subcommands: [DemoCommand.self, BoardCommand.self, InspectCommand.self, ExportCommand.self, InfoCommand.self]
    )
}
