/// torchinfo's view of a model, from ``ModelSummary/detailed(depth:columns:)``: the modules as
/// a tree down to ``depth``, the chosen ``columns``, and torchinfo's totals and sizes as
/// ``description`` prints them and as properties.
///
/// The numbers follow torchinfo's rules:
/// - a module's parameters are all those of it and below; a container's cell shows what its
///   children do not account for ("--" when nothing), except at the cut-off depth, where it
///   shows its whole count; a second call of a module reads "(recursive)" and counts once;
/// - a frozen count is shown in parentheses;
/// - multiply-adds: see the Mult-Adds column; the total sums every leaf call;
/// - sizes are in MB of 10⁶ bytes: the input, twice the output of every leaf call that has
///   parameters, and the parameters of leaves.
///
/// ### Example
/// ```swift
/// let view = summary(ResNet.resnet18(), inputSize: [3, 224, 224]).detailed(depth: 2)
/// print(view)
/// view.totalMultAdds   // 1_814_083_944
/// ```
public struct DetailedSummary: CustomStringConvertible, Sendable {
    /// A column of the table, as torchinfo's `col_names`.
    ///
    /// ```swift
    /// report.detailed(columns: [.outputSize, .numParams, .paramsPercent, .trainable])
    /// ```
    public enum Column: Sendable, CaseIterable {
        /// The shape of the module's input ("Input Shape").
        case inputSize
        /// The shape of the module's output ("Output Shape").
        case outputSize
        /// The module's parameter count ("Param #").
        case numParams
        /// The share of the total parameters ("Param %").
        case paramsPercent
        /// The kernel size of a convolution or pooling layer ("Kernel Shape").
        case kernelSize
        /// torchinfo's multiply-adds: a convolution's `weight` and `bias` elements times its
        /// output positions `N·H·W`, another layer's times the batch `N` ("Mult-Adds").
        case multAdds
        /// `True`, `False` or `Partial`: whether the parameters require grad ("Trainable").
        case trainable

        /// Input, output, parameters, kernel and mult-adds: the columns ``ModelSummary/detailed(depth:columns:)``
        /// shows unless told otherwise.
        ///
        /// ```swift
        /// report.detailed(columns: DetailedSummary.Column.standard + [.trainable])
        /// ```
        public static let standard: [Column] = [.inputSize, .outputSize, .numParams, .kernelSize, .multAdds]
    }

    /// One row: one call of a module, or a container that was never called itself.
    struct Layer: Sendable {
        let typeName: String
        let depth: Int
        let depthIndex: Int?
        let isLeaf: Bool
        let isRecursive: Bool
        /// The parameters of the module and below.
        let parameters: ParameterCounts
        /// Those its descendant rows do not account for.
        let leftoverParameters: ParameterCounts
        let inputShape: [Int]
        let outputShape: [Int]
        /// The output's bytes; 0 for a container that was never called.
        let outputBytes: Int
        let kernelShape: String?
        let multAdds: Int
        /// The multiply-adds of the leaves below it, shown for a container at the cut-off depth.
        let leafDescendantMultAdds: Int
    }

    /// The deepest level shown; the model is level 0, its children level 1.
    public let depth: Int
    /// The columns after the layer names.
    public let columns: [Column]
    /// The parameters of the model, each counted once.
    public let totalParams: Int
    /// The parameters that require grad.
    public let trainableParams: Int
    /// The multiply-adds of every leaf call.
    public let totalMultAdds: Int
    /// The input tensor's size in MB (10⁶ bytes), with the 64 bytes of the Python storage
    /// object torchinfo measures.
    public let inputSizeMB: Double
    /// Twice the outputs of leaf calls that have parameters, in MB.
    public let forwardBackwardPassSizeMB: Double
    /// The leaves' parameters in MB.
    public let paramsSizeMB: Double
    /// Input, forward/backward pass and parameters together, in MB.
    public let estimatedTotalSizeMB: Double
    let layers: [Layer]

    /// `totalParams - trainableParams`.
    ///
    /// ```swift
    /// report.detailed().nonTrainableParams
    /// ```
    public var nonTrainableParams: Int { totalParams - trainableParams }

    init(layers: [Layer], inputBytes: Int, depth: Int, columns: [Column]) {
        self.layers = layers
        self.depth = depth
        self.columns = columns
        var total = ParameterCounts()
        var multAdds = 0
        var outputBytes = 0
        var parameterBytes = 0
        for layer in layers {
            if layer.isLeaf {
                multAdds += layer.multAdds
                if layer.parameters.total > 0 { outputBytes += 2 * layer.outputBytes }
                guard !layer.isRecursive else { continue }
                total.total += max(layer.parameters.total, 0)
                total.trainable += max(layer.parameters.trainable, 0)
                parameterBytes += 4 * layer.parameters.total
            } else if !layer.isRecursive {
                total.total += max(layer.leftoverParameters.total, 0)
                total.trainable += max(layer.leftoverParameters.trainable, 0)
            }
        }
        totalParams = total.total
        trainableParams = total.trainable
        totalMultAdds = multAdds
        inputSizeMB = Double(inputBytes) / 1e6
        forwardBackwardPassSizeMB = Double(outputBytes) / 1e6
        paramsSizeMB = Double(parameterBytes) / 1e6
        estimatedTotalSizeMB = Double(inputBytes + outputBytes + parameterBytes) / 1e6
    }
}
