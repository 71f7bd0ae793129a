import LumenBoard
import LumenNN

extension SummaryWriter {
    /// Traces `model` on `input` (``traceGraph(_:input:)``) and logs its graph for TensorBoard's
    /// graph dashboard, as PyTorch's `writer.add_graph(model, input)`: one box per module
    /// (`LeNet/Conv2d[conv1]`), ops with their output shapes, parameters as inputs.
    ///
    /// ```swift
    /// writer.addGraph(LeNet(), input: Tensor.zeros([1, 3, 32, 32]))
    /// ```
    public func addGraph(_ model: Module, input: Tensor) {
        let graph = traceGraph(model, input: input)
        addGraph(graph.nodes.map { node in
            GraphNodeDefinition(name: node.name, op: node.op, inputs: node.inputs, outputShapes: [node.outputShape])
        })
    }
}
