import Foundation

/// One epoch's progress on the terminal: a bar redrawn in place with the batches done, the
/// running loss and accuracy, images per second and the time left. When standard output is not
/// a terminal it draws nothing; ``finish(_:)`` then prints the epoch's one summary line.
struct ProgressBar {
    let title: String
    let total: Int
    let interactive: Bool
    private let start = Date()
    private var lastDraw = Date.distantPast

    /// A bar for `total` batches; drawn only when standard output is a terminal.
    init(title: String, total: Int, interactive: Bool = isatty(STDOUT_FILENO) != 0) {
        self.title = title
        self.total = total
        self.interactive = interactive
    }

    /// Redraws the bar after `done` batches (at most ten times a second, and always at the end).
    mutating func update(done: Int, images: Int, loss: Double, accuracy: Double) {
        guard interactive else { return }
        let now = Date()
        guard done == total || now.timeIntervalSince(lastDraw) >= 0.1 else { return }
        lastDraw = now
        let elapsed = now.timeIntervalSince(start)
        let rate = elapsed > 0 ? Double(images) / elapsed : 0
        let left = done > 0 ? elapsed / Double(done) * Double(total - done) : 0
        let width = 24
        let filled = total > 0 ? width * done / total : width
        let bar = String(repeating: "█", count: filled) + String(repeating: "·", count: width - filled)
        let line = String(format: "%@ %@ %d/%d  loss %.4f  acc %5.1f%%  %.0f img/s  %@ left",
                          title, bar, done, total, loss, accuracy * 100, rate, Self.clock(left))
        FileHandle.standardOutput.write(Data(("\r\u{1B}[K" + line).utf8))
    }

    /// Ends the epoch's line: replaces the bar with `summary` on a terminal, or prints it.
    func finish(_ summary: String) {
        let prefix = interactive ? "\r\u{1B}[K" : ""
        FileHandle.standardOutput.write(Data((prefix + summary + "\n").utf8))
    }

    /// `m:ss` for a number of seconds.
    static func clock(_ seconds: Double) -> String {
        let whole = Int(seconds.rounded())
        return String(format: "%d:%02d", whole / 60, whole % 60)
    }
}
