import LumenNN

extension Module {
    /// The submodule at a dotted `path` (`"layer2.1.conv2"`, as in ``namedModules()``), or an
    /// error naming the path and listing the model's layer names.
    ///
    /// - Throws: ``VisionError`` when no submodule has that name.
    ///
    /// ```swift
    /// let conv = try model.layer(at: "conv1")
    /// ```
    public func layer(at path: String) throws -> Module {
        if let found = module(at: path) { return found }
        let names = namedModules().map(\.name).filter { !$0.isEmpty }
        let shown = names.count > 40 ? names.prefix(40).joined(separator: ", ") + ", … (\(names.count) in all)" : names.joined(separator: ", ")
        throw VisionError("\(typeName) has no layer \"\(path)\"; its layers are: \(shown)")
    }
}
