/// Prints a module as torch prints one: its type, its settings (``Module/extraDescription``), and
/// its children indented below it.
///
/// ```swift
/// print(Sequential(Conv2d(1, 2, 3), ReLU()))
/// // Sequential(
/// //   (0): Conv2d(1, 2, kernel_size=(3, 3), stride=(1, 1))
/// //   (1): ReLU()
/// // )
/// ```
extension Module: CustomStringConvertible {
    public var description: String {
        let children = namedChildren()
        let extra = extraDescription
        if children.isEmpty { return "\(typeName)(\(extra))" }
        var lines = extra.isEmpty ? [] : extra.split(separator: "\n").map { "  " + $0 }
        for (name, child) in children {
            let childLines = child.description.split(separator: "\n", omittingEmptySubsequences: false)
            lines.append("  (\(name)): " + childLines[0])
            lines += childLines.dropFirst().map { "  " + $0 }
        }
        return "\(typeName)(\n" + lines.joined(separator: "\n") + "\n)"
    }
}

/// Writes values as Python prints them in torch's descriptions.
enum PythonLiteral {
    static func bool(_ value: Bool) -> String { value ? "True" : "False" }

    /// `(3, 3)`, as a tuple.
    static func tuple(_ pair: Pair) -> String { "(\(pair.height), \(pair.width))" }

    /// `2` when both sides agree, else `(2, 3)`: pooling layers print what they were given, and
    /// a square window is usually given as one number.
    static func size(_ pair: Pair) -> String { pair.height == pair.width ? "\(pair.height)" : tuple(pair) }

    /// `0.1`, `1e-05`: Swift's shortest round-trip form matches Python's for these.
    static func float(_ value: Float) -> String { "\(value)" }
}
