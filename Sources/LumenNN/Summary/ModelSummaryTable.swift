/// torchsummary's table, character for character.
extension ModelSummary {
    /// The table `torchsummary.summary(model, input_size, batch_size)` prints (without the final
    /// newline `print` adds).
    ///
    /// ```swift
    /// print(summary(LeNet(), inputSize: [3, 32, 32]))
    /// // ----------------------------------------------------------------
    /// //         Layer (type)               Output Shape         Param #
    /// // ================================================================
    /// //             Conv2d-1            [-1, 6, 28, 28]             456
    /// // …
    /// ```
    public var description: String {
        let dashes = String(repeating: "-", count: 64)
        let equals = String(repeating: "=", count: 64)
        func row(_ name: String, _ shape: String, _ params: String) -> String {
            PythonFormat.right(name, 20) + "  " + PythonFormat.right(shape, 25) + " " + PythonFormat.right(params, 15)
        }
        var lines = [dashes, row("Layer (type)", "Output Shape", "Param #"), equals]
        lines += layers.map { row($0.name, PythonFormat.list($0.outputShape), PythonFormat.grouped($0.parameterCount)) }
        lines += [
            equals,
            "Total params: " + PythonFormat.grouped(totalParams),
            "Trainable params: " + PythonFormat.grouped(trainableParams),
            "Non-trainable params: " + PythonFormat.grouped(nonTrainableParams),
            dashes,
            "Input size (MB): " + PythonFormat.fixed2(inputSizeMB),
            "Forward/backward pass size (MB): " + PythonFormat.fixed2(forwardBackwardPassSizeMB),
            "Params size (MB): " + PythonFormat.fixed2(paramsSizeMB),
            "Estimated Total Size (MB): " + PythonFormat.fixed2(estimatedTotalSizeMB),
            dashes,
        ]
        return lines.joined(separator: "\n")
    }
}
