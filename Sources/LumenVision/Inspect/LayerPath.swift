import LumenNN

extension Module {
    /// The submodule at a dotted `path` (`"layer2.1.conv2"`, as in `namedModules()`), or an
    /// error naming the path and the model's layers nearest to it.
    ///
    /// - Throws: ``VisionError`` when no submodule has that name.
    ///
    /// ```swift
    /// let conv = try model.layer(at: "conv1")
    /// ```
    public func layer(at path: String) throws -> Module {
        if let found = module(at: path) { return found }
        let names = namedModules().map(\.name).filter { !$0.isEmpty }
        let nearest = names.sorted { editDistance($0, path) < editDistance($1, path) }.prefix(8)
        throw VisionError("\(typeName) has no layer \"\(path)\"; the nearest names are: \(nearest.joined(separator: ", "))")
    }
}

/// Levenshtein distance between two strings, by characters.
private func editDistance(_ a: String, _ b: String) -> Int {
    let a = Array(a), b = Array(b)
    guard !a.isEmpty, !b.isEmpty else { return max(a.count, b.count) }
    var previous = Array(0...b.count)
    for i in 1...a.count {
        var current = [i] + [Int](repeating: 0, count: b.count)
        for j in 1...b.count {
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
        }
        previous = current
    }
    return previous[b.count]
}
