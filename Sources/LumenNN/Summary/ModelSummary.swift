import LumenTensor

/// What ``summary(_:inputSize:batchSize:)`` saw of a model: torchsummary's table as
/// ``description``, its numbers as properties, and torchinfo's view through
/// ``detailed(depth:columns:)``.
///
/// The numbers follow torchsummary's rules, quirks included:
/// - a row per call of every module except the model, `Sequential` and `ModuleList` (a module
///   called twice has two rows, and its parameters count twice in the totals);
/// - a row's parameters are the module's own `weight` and `bias` elements only, and the row is
///   trainable when `weight` requires grad (a frozen weight makes a trainable bias count as
///   non-trainable);
/// - sizes are in MiB (2²⁰ bytes) of 4-byte floats: the input once, every row's output twice
///   (for the gradients), the parameters once, and their sum.
///
/// ### Example
/// ```swift
/// let report = summary(LeNet(), inputSize: [3, 32, 32])
/// print(report)                 // torchsummary's table
/// report.totalParams            // 62_006
/// print(report.detailed())      // torchinfo's table
/// ```
public struct ModelSummary: CustomStringConvertible, Sendable {
    /// One row of torchsummary's table: one call of one module.
    ///
    /// ```swift
    /// let first = summary(LeNet(), inputSize: [3, 32, 32]).layers[0]
    /// first.name          // "Conv2d-1"
    /// first.outputShape   // [-1, 6, 28, 28]
    /// ```
    public struct Layer: Equatable, Sendable {
        /// The module's type and the row's number, counted from 1 in the order calls end:
        /// `"Conv2d-1"`.
        public let name: String
        /// The call's output shape with its first dimension replaced by the batch size shown
        /// (`-1` unless one was given).
        public let outputShape: [Int]
        /// The elements of the module's own `weight` and `bias`.
        public let parameterCount: Int
        /// Whether the module's `weight` requires grad; `false` for a module without a weight.
        public let isTrainable: Bool
    }

    /// The input's shape without the batch, as given.
    public let inputSize: [Int]
    /// The batch size shown in the table: `-1` (any) unless one was given.
    public let batchSize: Int
    /// The table's rows, in the order the calls ended (a block after its layers).
    public let layers: [Layer]
    /// The sum of the rows' parameter counts.
    public let totalParams: Int
    /// The sum of the parameter counts of trainable rows.
    public let trainableParams: Int
    /// The input's size in MiB, for one sample when the batch size is `-1`.
    public let inputSizeMB: Double
    /// Twice the rows' outputs in MiB (the activations and their gradients).
    public let forwardBackwardPassSizeMB: Double
    /// The parameters' size in MiB.
    public let paramsSizeMB: Double
    /// The sum of the three sizes above.
    public let estimatedTotalSizeMB: Double
    /// torchinfo's rows, for ``detailed(depth:columns:)``.
    let detailedLayers: [DetailedSummary.Layer]
    /// torchinfo's input size: the input tensor's bytes plus the 64 bytes of CPython's storage
    /// object that `sys.getsizeof` adds.
    let detailedInputBytes: Int

    /// `totalParams - trainableParams`.
    ///
    /// ```swift
    /// summary(frozenModel, inputSize: [3, 32, 32]).nonTrainableParams
    /// ```
    public var nonTrainableParams: Int { totalParams - trainableParams }

    /// The summary of a recorded forward pass of `model` on a batch of `inputSize`.
    init(model: Module, recorder: SummaryRecorder, inputSize: [Int], batchSize: Int, ranBatch: Int) {
        self.inputSize = inputSize
        self.batchSize = batchSize
        var rowsPerCall: [ObjectIdentifier: Int] = [:]
        // torchsummary hooks what `apply` visits: a module reached along two paths twice.
        model.apply { module in
            guard module !== model, !(module is Sequential), !(module is ModuleList) else { return }
            rowsPerCall[ObjectIdentifier(module), default: 0] += 1
        }
        var layers: [Layer] = []
        for call in recorder.finished {
            let (count, trainable) = call.module.weightAndBiasCount
            var shape = call.outputShape
            if !shape.isEmpty { shape[0] = batchSize }
            for _ in 0..<rowsPerCall[ObjectIdentifier(call.module), default: 0] {
                layers.append(Layer(name: "\(call.module.typeName)-\(layers.count + 1)", outputShape: shape,
                                    parameterCount: count, isTrainable: trainable))
            }
        }
        self.layers = layers
        totalParams = layers.map(\.parameterCount).reduce(0, +)
        trainableParams = layers.filter(\.isTrainable).map(\.parameterCount).reduce(0, +)
        let mebibyte = 1_048_576.0
        let outputElements = layers.map { $0.outputShape.reduce(1, *) }.reduce(0, +)
        inputSizeMB = abs(Double(inputSize.reduce(1, *) * batchSize) * 4 / mebibyte)
        forwardBackwardPassSizeMB = abs(2 * Double(outputElements) * 4 / mebibyte)
        paramsSizeMB = abs(Double(totalParams) * 4 / mebibyte)
        estimatedTotalSizeMB = paramsSizeMB + forwardBackwardPassSizeMB + inputSizeMB
        detailedLayers = DetailedLayerList(calls: recorder.started).layers
        detailedInputBytes = ([ranBatch] + inputSize).reduce(1, *) * 4 + 64
    }

    /// torchinfo's view of the same forward pass: the modules as a tree down to `depth`, with
    /// the chosen columns, torchinfo's totals and sizes. Shapes show the batch the summary ran
    /// with (the given batch size, or 1).
    ///
    /// ```swift
    /// print(summary(ResNet.resnet18(), inputSize: [3, 224, 224]).detailed(depth: 2))
    /// print(report.detailed(columns: [.outputSize, .numParams, .trainable]))
    /// ```
    public func detailed(depth: Int = 3, columns: [DetailedSummary.Column] = DetailedSummary.Column.standard) -> DetailedSummary {
        DetailedSummary(layers: detailedLayers, inputBytes: detailedInputBytes, depth: depth, columns: columns)
    }
}
