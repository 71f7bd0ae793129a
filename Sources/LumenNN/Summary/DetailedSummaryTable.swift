/// torchinfo's table, character for character.
extension DetailedSummary {
    /// The table `torchinfo.summary(model, input_size=(N, C, H, W), depth=…, col_names=…)` prints
    /// (without the final newline `print` adds). The mult-adds unit is written `(M)`, `(G)` or
    /// `(T)`, as torchinfo means it; under Python 3.11 and later torchinfo 1.8 writes the enum's
    /// name instead (`(Units.MEGABYTES)`).
    ///
    /// ```swift
    /// print(summary(LeNet(), inputSize: [3, 32, 32]).detailed())
    /// // =====================================================================================…
    /// // Layer (type:depth-idx)                   Input Shape               Output Shape      …
    /// // =====================================================================================…
    /// // LeNet                                    [1, 3, 32, 32]            [1, 10]           …
    /// // ├─Conv2d: 1-1                            [1, 3, 32, 32]            [1, 6, 28, 28]    …
    /// ```
    public var description: String {
        let nameWidth = layerNameWidth
        let divider = String(repeating: "=", count: columns.count * Self.columnWidth + nameWidth)
        func row(_ name: String, _ cells: [String]) -> String {
            var line = PythonFormat.left(name, nameWidth) + " "
            for cell in cells { line += PythonFormat.left(cell, Self.columnWidth) + " " }
            while line.last == " " { line.removeLast() }
            return line + "\n"
        }
        var text = divider + "\n" + row("Layer (type:depth-idx)", columns.map(\.title)) + divider + "\n"
        for layer in layers where layer.depth <= depth {
            let reachedDepth = layer.depth == depth
            text += row(Self.treePrefix(layer.depth) + layer.title, columns.map { cell($0, of: layer, reachedDepth: reachedDepth) })
        }
        text += divider + "\n"
        text += "Total params: \(PythonFormat.grouped(totalParams))\n"
        text += "Trainable params: \(PythonFormat.grouped(trainableParams))\n"
        text += "Non-trainable params: \(PythonFormat.grouped(nonTrainableParams))\n"
        text += "Total mult-adds \(multAddsWithUnit)\n" + divider + "\n"
        text += "Input size (MB): \(PythonFormat.fixed2(inputSizeMB))\n"
        text += "Forward/backward pass size (MB): \(PythonFormat.fixed2(forwardBackwardPassSizeMB))\n"
        text += "Params size (MB): \(PythonFormat.fixed2(paramsSizeMB))\n"
        text += "Estimated Total Size (MB): \(PythonFormat.fixed2(estimatedTotalSizeMB))\n"
        return text + divider
    }

    private static let columnWidth = 25

    /// 40 characters, or the longest name with its indent (5 per level, plus 1) rounded up to a
    /// multiple of 5; rows below the cut-off depth count too, as in torchinfo.
    private var layerNameWidth: Int {
        let longest = layers.map { $0.title.unicodeScalars.count + 5 * $0.depth + 1 }.max() ?? 0
        return longest >= 40 ? (longest + 4) / 5 * 5 : 40
    }

    /// `├─` at depth 1, `│    └─` at depth 2, `│    │    └─` at depth 3, …
    private static func treePrefix(_ depth: Int) -> String {
        switch depth {
        case 0: ""
        case 1: "├─"
        default: String(repeating: "│    ", count: depth - 1) + "└─"
        }
    }

    /// `(M): 0.66`, `(G): 1.81`: in millions below 10⁹, billions below 10¹², else trillions;
    /// a whole number without decimals.
    private var multAddsWithUnit: String {
        let (unit, scale) = totalMultAdds >= 1_000_000_000_000 ? ("T", 1e12)
            : totalMultAdds >= 1_000_000_000 ? ("G", 1e9) : ("M", 1e6)
        let value = Double(totalMultAdds) / scale
        let number = value == value.rounded() ? PythonFormat.grouped(Int(value)) : PythonFormat.groupedFixed2(value)
        return "(\(unit)): \(number)"
    }

    private func cell(_ column: Column, of layer: Layer, reachedDepth: Bool) -> String {
        switch column {
        case .inputSize: layer.inputShape.isEmpty ? "--" : PythonFormat.list(layer.inputShape)
        case .outputSize: layer.outputShape.isEmpty ? "--" : PythonFormat.list(layer.outputShape)
        case .numParams: parameterCell(layer, reachedDepth: reachedDepth)
        case .paramsPercent: percentCell(layer, reachedDepth: reachedDepth)
        case .kernelSize: layer.kernelShape ?? "--"
        case .multAdds: multAddsCell(layer, reachedDepth: reachedDepth)
        case .trainable: trainableCell(layer)
        }
    }

    private func parameterCell(_ layer: Layer, reachedDepth: Bool) -> String {
        if layer.parameters.total == 0 { return "--" }
        if layer.isRecursive { return "(recursive)" }
        if reachedDepth || layer.isLeaf {
            let count = PythonFormat.grouped(layer.parameters.total)
            return layer.parameters.trainable > 0 ? count : "(\(count))"
        }
        return layer.leftoverParameters.total > 0 ? PythonFormat.grouped(layer.leftoverParameters.total) : "--"
    }

    private func percentCell(_ layer: Layer, reachedDepth: Bool) -> String {
        let none = "     --"
        if totalParams == 0 { return none }
        if layer.isRecursive { return "(recursive)" }
        let count = reachedDepth || layer.isLeaf ? layer.parameters.total : layer.leftoverParameters.total
        if count == 0 { return none }
        return PythonFormat.right(PythonFormat.fixed2(Double(count) / Double(totalParams) * 100) + "%", 7)
    }

    private func multAddsCell(_ layer: Layer, reachedDepth: Bool) -> String {
        if layer.multAdds <= 0 { return "--" }
        if layer.isLeaf { return PythonFormat.grouped(layer.multAdds) }
        return reachedDepth ? PythonFormat.grouped(layer.leafDescendantMultAdds) : "--"
    }

    private func trainableCell(_ layer: Layer) -> String {
        if layer.parameters.total == 0 { return "--" }
        if layer.parameters.trainable == 0 { return "False" }
        return layer.parameters.trainable == layer.parameters.total ? "True" : "Partial"
    }
}

extension DetailedSummary.Column {
    /// The column's header, as torchinfo writes it.
    var title: String {
        switch self {
        case .inputSize: "Input Shape"
        case .outputSize: "Output Shape"
        case .numParams: "Param #"
        case .paramsPercent: "Param %"
        case .kernelSize: "Kernel Shape"
        case .multAdds: "Mult-Adds"
        case .trainable: "Trainable"
        }
    }
}

extension DetailedSummary.Layer {
    /// `Conv2d: 3-1`: the type, the depth and the row's index within its depth; the model's
    /// own row is its type alone.
    var title: String {
        guard depth > 0 else { return typeName }
        return "\(typeName): \(depth)" + (depthIndex.map { "-\($0)" } ?? "")
    }
}
