import ArgumentParser
import Lumen

/// `--logdir DIR` or `--logdir-spec name:path,…`, exactly one of them, as TensorBoard takes them.
struct LogdirOptions: ParsableArguments {
    @Option(help: "The log directory to read.")
    var logdir: String?

    @Option(help: ArgumentHelp(
        "Several log directories, each run's name prefixed by its directory's name: name:path,name:path (TensorBoard's --logdir_spec).",
        discussion: "A part that starts with / or scheme://, or has no colon, is a path without a name; a path may hold colons after the first (name:/a:b)."
    ))
    var logdirSpec: String?

    func validate() throws {
        switch (logdir, logdirSpec) {
        case (nil, nil): throw ValidationError("give --logdir DIR or --logdir-spec name:path,name:path")
        case (.some, .some): throw ValidationError("give --logdir or --logdir-spec, not both")
        default: _ = try spec()
        }
    }

    /// The directories to read.
    func spec() throws -> LogdirSpec {
        if let logdirSpec {
            do {
                return try LogdirSpec(parsing: logdirSpec)
            } catch {
                throw ValidationError("\(error)")
            }
        }
        return LogdirSpec(logdir: logdir ?? "")
    }
}
