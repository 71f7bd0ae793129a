import Foundation
import LumenBoard

/// One logged graph as the Graphs dashboard gets it: the `GraphDef` of one event, decoded when
/// first asked for, its nodes kept as JSON text.
struct GraphDocument: Sendable {
    /// When the graph was logged.
    let wallTime: Double
    /// The JSON array of the nodes: `{name, op, inputs, shapes, attr[, device]}` each.
    let nodesJSON: String

    /// Reads the graph event in the record at `offset` of `path` and decodes its `GraphDef`.
    /// - Throws: ``APIError/unreadable(_:)`` naming the file and offset when the record is
    ///   damaged, is no longer there, or holds no decodable graph.
    static func load(path: String, offset: Int64) throws -> GraphDocument {
        func unreadable(_ reason: String) -> APIError {
            .unreadable("the graph at offset \(offset) of \(path) cannot be read: \(reason)")
        }
        let payload: [UInt8]
        let event: TBEvent
        let graph: TBGraphDef
        do {
            payload = try RecordReader.payload(path: path, offset: offset)
        } catch let damage as RecordDamage {
            throw unreadable(reason(damage.kind))
        } catch {
            throw unreadable("\(error)")
        }
        do {
            event = try TBEvent(serializedBytes: payload)
        } catch {
            throw unreadable("the record is not an Event message (\(error))")
        }
        guard case .graphDef(let bytes)? = event.what else { throw unreadable("the record holds no graph") }
        do {
            graph = try TBGraphDef(serializedBytes: bytes)
        } catch {
            throw unreadable("its bytes are not a GraphDef (\(error))")
        }
        var j = JSONText()
        j.array(graph.node) { j, node in write(node, to: &j) }
        return GraphDocument(wallTime: event.wallTime, nodesJSON: j.text)
    }

    private static func reason(_ damage: RecordDamage.Kind) -> String {
        switch damage {
        case .badLengthChecksum: return "no intact record starts there"
        case .badDataChecksum(let length): return "the \(length)-byte record there fails its data checksum"
        case .undecodableEvent(let reason): return "the record is not an Event message (\(reason))"
        }
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
