import Foundation

/// One node of a graph for TensorBoard's graph dashboard (a `NodeDef`): its scoped name (a `/`
/// groups nodes into a box), what it computes, the nodes it reads and the shapes it produces.
///
/// ### Example
/// ```swift
/// let nodes = [
///     GraphNodeDefinition(name: "input/x", op: "IO Node", outputShapes: [[1, 4]]),
///     GraphNodeDefinition(name: "Net/Linear[fc]/Addmm", op: "Addmm", inputs: ["input/x"], outputShapes: [[1, 2]]),
/// ]
/// writer.addGraph(nodes)
/// ```
public struct GraphNodeDefinition: Sendable, Equatable {
    public var name: String
    public var op: String
    public var inputs: [String]
    public var outputShapes: [[Int]]
    /// Free-form text TensorBoard shows beside the node (PyTorch's `attr` field).
    public var attributes: String

    /// A node with the given fields.
    public init(name: String, op: String, inputs: [String] = [], outputShapes: [[Int]] = [], attributes: String = "") {
        self.name = name
        self.op = op
        self.inputs = inputs
        self.outputShapes = outputShapes
        self.attributes = attributes
    }
}

extension TBGraphDef {
    /// A `GraphDef` of `nodes`, with the producer version PyTorch's `add_graph` writes (22) and
    /// each node's `attr` and `_output_shapes` attributes as PyTorch sets them.
    public init(nodes: [GraphNodeDefinition]) {
        self.init()
        versions.producer = 22
        node = nodes.map { definition in
            var node = TBNodeDef()
            node.name = definition.name
            node.op = definition.op
            node.input = definition.inputs
            var text = TBAttrValue()
            text.s = Data(definition.attributes.utf8)
            node.attr["attr"] = text
            if !definition.outputShapes.isEmpty {
                var shapes = TBAttrValue()
                shapes.list.shape = definition.outputShapes.map { dims in
                    var shape = TBTensorShapeProto()
                    shape.dim = dims.map { size in
                        var dim = TBTensorShapeProto.Dim()
                        dim.size = Int64(size)
                        return dim
                    }
                    return shape
                }
                node.attr["_output_shapes"] = shapes
            }
            return node
        }
    }
}

extension SummaryWriter {
    /// Logs a graph for TensorBoard's graph dashboard, as PyTorch's `add_graph` writes it (an
    /// event whose `graph_def` holds the serialized `GraphDef`). With LumenNN, the umbrella
    /// module's `addGraph(_:input:)` traces a model into these nodes.
    ///
    /// ```swift
    /// writer.addGraph([GraphNodeDefinition(name: "input/x", op: "IO Node", outputShapes: [[1, 4]])])
    /// ```
    public func addGraph(_ nodes: [GraphNodeDefinition], wallTime: Double? = nil) {
        var event = TBEvent()
        event.wallTime = wallTime ?? Date().timeIntervalSince1970
        // Serializing a message built in memory cannot fail.
        event.graphDef = try! TBGraphDef(nodes: nodes).serializedData()
        addEvent(event)
    }
}
