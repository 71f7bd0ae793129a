/// The ops of one forward pass, grouped by the module that ran them: what ``traceGraph(_:input:)``
/// returns and TensorBoard's graph dashboard draws (`SummaryWriter.addGraph(_:input:)`).
///
/// Names are scoped as PyTorch's `add_graph` scopes them: the model's type, then
/// `Type[attribute]` for each module on the way (`ResNet/Sequential[layer1]/BasicBlock[0]/Conv2d[conv1]`),
/// then the op; parameters are named by their attribute (`LeNet/Conv2d[conv1]/weight`).
/// Attribute names are spelled as in a state dict (``Module/torchName(_:)``). The input is
/// `input/input`, the output `output/output`.
///
/// ### Example
/// ```swift
/// let graph = traceGraph(LeNet(), input: Tensor.zeros([1, 3, 32, 32]))
/// for node in graph.nodes { print(node.name, node.op, node.outputShape) }
/// ```
public struct ModelGraph: Sendable, Equatable {
    /// One op, parameter, buffer, input or output of the traced pass.
    public struct Node: Sendable, Equatable {
        /// The scoped, unique name (`LeNet/Conv2d[conv1]/Convolution`).
        public let name: String
        /// What the node is: an op's autograd name without its `Backward0` suffix
        /// (`Convolution`, `Relu`, `MaxPool2DWithIndices`), or `Parameter`, `Buffer`,
        /// `Constant`, `IO Node` (as PyTorch names inputs and outputs).
        public let op: String
        /// The names of the nodes whose results this node reads, in order.
        public let inputs: [String]
        /// The shape of the node's result.
        public let outputShape: [Int]

        /// A node with the given fields.
        public init(name: String, op: String, inputs: [String], outputShape: [Int]) {
            self.name = name
            self.op = op
            self.inputs = inputs
            self.outputShape = outputShape
        }
    }

    /// The nodes, every node after the nodes it reads.
    public let nodes: [Node]
}
