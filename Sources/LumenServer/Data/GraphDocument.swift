import LumenBoard

/// One logged graph as the Graphs dashboard gets it: its wall time and its nodes as JSON text.
struct GraphDocument: Sendable {
    /// When the graph was logged.
    let wallTime: Double
    /// The JSON array of the nodes: `{name, op, inputs, shapes, attr[, device]}` each.
    let nodesJSON: String

    init(_ blob: GraphBlob) {
        wallTime = blob.wallTime
        var j = JSONText()
        j.array(blob.definition.node) { j, node in Self.write(node, to: &j) }
        nodesJSON = j.text
    }

    private static func write(_ node: TBNodeDef, to j: inout JSONText) {
        j.raw("{"); j.key("name"); j.string(node.name)
        j.raw(","); j.key("op"); j.string(node.op)
        j.raw(","); j.key("inputs"); j.stringArray(node.input)
        j.raw(","); j.key("shapes")
        j.array(node.attr["_output_shapes"]?.list.shape ?? []) { j, shape in
            if shape.unknownRank { j.raw("null") } else { j.array(shape.dim) { $0.number($1.size) } }
        }
        j.raw(","); j.key("attr"); j.raw("{")
        var first = true
        for key in node.attr.keys.sorted() where key != "_output_shapes" {
            if !first { j.raw(",") }
            first = false
            j.key(key); j.string(AttributeText.text(node.attr[key]!))
        }
        j.raw("}")
        if !node.device.isEmpty { j.raw(","); j.key("device"); j.string(node.device) }
        j.raw("}")
    }
}
