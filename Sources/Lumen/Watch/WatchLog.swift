/// What ``watch(_:writer:log:every:)`` records, as `wandb.watch`'s `log` argument.
///
/// ```swift
/// watch(model, writer: writer, log: .all, every: 100)
/// ```
public struct WatchLog: OptionSet, Sendable {
    public let rawValue: Int

    public init(rawValue: Int) { self.rawValue = rawValue }

    /// Each parameter's gradient histogram (`gradients/<name>`), its norm
    /// (`gradient_norm/<name>`) and its NaN / ±∞ counts.
    public static let gradients = WatchLog(rawValue: 1)
    /// Each parameter's value histogram (`parameters/<name>`) and its NaN / ±∞ counts, and each
    /// layer's output mean and standard deviation (`activations/<layer>/mean`, `…/std`) and,
    /// after a ReLU, the share of zeros (`dead_units/<layer>`).
    public static let parameters = WatchLog(rawValue: 2)
    /// Both.
    public static let all: WatchLog = [.gradients, .parameters]
}
