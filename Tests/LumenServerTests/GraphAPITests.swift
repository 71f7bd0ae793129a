import Foundation
import HummingbirdTesting
import LumenBoard
@testable import LumenServer
import LumenTestSupport
import Testing

/// `/api/graph` over graphs written by Lumen's `addGraph` and by PyTorch's `add_graph`, and over
/// graph records that cannot be read.
@Suite("Board API: graphs")
struct GraphAPITests {
    /// A small model graph as Lumen's tracer names it.
    static let nodes = [
        GraphNodeDefinition(name: "input/input", op: "IO Node", outputShapes: [[1, 4]]),
        GraphNodeDefinition(name: "Net/Linear[fc]/weight", op: "Parameter", outputShapes: [[2, 4]]),
        GraphNodeDefinition(name: "Net/Linear[fc]/Addmm", op: "Addmm",
                            inputs: ["input/input", "Net/Linear[fc]/weight"], outputShapes: [[1, 2]], attributes: "{ beta : 1}"),
        GraphNodeDefinition(name: "output/output", op: "IO Node", inputs: ["Net/Linear[fc]/Addmm"], outputShapes: [[1, 2]]),
    ]

    /// The only event file of the root run, and where its graphs are.
    static func graphRecords(_ api: BoardAPI) throws -> [(path: String, offset: Int64)] {
        try #require(api.store.run(named: ".")).read { $0.graphs }
    }

    @Test("A graph Lumen wrote comes back node by node: op, inputs, shapes and attr text")
    func lumenGraph() async throws {
        let api = try loggedAPI { $0.addGraph(Self.nodes, wallTime: 1_700_000_000) }
        try await withBoard(api) { client in
            let runs = try #require(try await client.json("/api/runs").body as? [[String: Any]])
            #expect(runs.first?["graphs"] as? Int == 1)
            let graph = try #require(try await client.json("/api/graph", query(["run": "."])).body as? [String: Any])
            #expect(graph["run"] as? String == "." && graph["graphs"] as? Int == 1)
            #expect(graph["wallTime"] as? Double == 1_700_000_000)
            let nodes = try #require(graph["nodes"] as? [[String: Any]])
            #expect(nodes.map { $0["name"] as? String } == Self.nodes.map(\.name))
            #expect(nodes.map { $0["op"] as? String } == Self.nodes.map(\.op))
            #expect(nodes.map { $0["inputs"] as? [String] } == Self.nodes.map(\.inputs))
            #expect(nodes.map { $0["shapes"] as? [[Int]] } == Self.nodes.map(\.outputShapes))
            #expect(nodes[2]["attr"] as? [String: String] == ["attr": "{ beta : 1}"])
            #expect(nodes.allSatisfy { $0["device"] == nil })
        }
    }

    @Test("A run with several graphs serves the latest")
    func latestGraph() async throws {
        let api = try loggedAPI { writer in
            writer.addGraph(Self.nodes)
            writer.addGraph([GraphNodeDefinition(name: "input/x", op: "IO Node", outputShapes: [[3]])])
        }
        try await withBoard(api) { client in
            let graph = try #require(try await client.json("/api/graph", query(["run": "."])).body as? [String: Any])
            #expect(graph["graphs"] as? Int == 2)
            #expect((graph["nodes"] as? [[String: Any]])?.map { $0["name"] as? String } == ["input/x"])
        }
    }

    @Test("PyTorch's add_graph of LeNet: TorchScript nodes, constants with their values, shapes")
    func torchGraph() async throws {
        let root = temporaryDirectory()
        try FileManager.default.copyItem(atPath: fixtures + "/graph/torch_lenet", toPath: root + "/torch_lenet")
        let api = loadedAPI(root)
        // The tagged_run_metadata event that follows the graph is neither a graph nor damage.
        #expect(api.store.run(named: "torch_lenet")?.read { [$0.graphs.count, $0.damage.count] } == [1, 0])
        try await withBoard(api) { client in
            let graph = try #require(try await client.json("/api/graph", query(["run": "torch_lenet"])).body as? [String: Any])
            let nodes = try #require(graph["nodes"] as? [[String: Any]])
            let byName = Dictionary(uniqueKeysWithValues: nodes.map { ($0["name"] as! String, $0) })
            #expect(nodes.count == 58)
            #expect(byName["input/x.1"]?["op"] as? String == "IO Node")
            #expect(byName["input/x.1"]?["shapes"] as? [[Int]] == [[1, 3, 32, 32]])
            #expect(byName["output/output.1"]?["inputs"] as? [String] == ["LeNet/Linear[fc3]/193"])
            #expect(byName["output/output.1"]?["shapes"] as? [[Int]] == [[1, 10]])
            let conv = try #require(byName["LeNet/Conv2d[conv1]/input.1"])
            #expect(conv["op"] as? String == "aten::_convolution")
            #expect(conv["shapes"] as? [[Int]] == [[1, 6, 28, 28]])
            let inputs = try #require(conv["inputs"] as? [String])
            #expect(Array(inputs.prefix(3)) == ["input/x.1", "LeNet/Conv2d[conv1]/weight/weight.5", "LeNet/Conv2d[conv1]/bias/bias.5"])
            let constant = try #require(byName[inputs[4]])
            #expect(constant["op"] as? String == "prim::ListConstruct" && (constant["shapes"] as? [Any])?.isEmpty == true)
            #expect(byName["LeNet/Conv2d[conv1]/145"]?["attr"] as? [String: String] == ["attr": "{ value : 1}"])
            #expect(byName["LeNet/Conv2d[conv1]/weight/weight.5"]?["op"] as? String == "prim::GetAttr")
            let ops = Dictionary(nodes.map { ($0["op"] as! String, 1) }, uniquingKeysWith: +)
            #expect(ops["aten::_convolution"] == 2 && ops["aten::linear"] == 3 && ops["aten::relu"] == 4 && ops["aten::max_pool2d"] == 2)
        }
    }

    @Test("No graph, an unknown run or no run parameter: 404 or 400 with a clear message")
    func missing() async throws {
        let api = try loggedAPI { $0.addScalar("loss", 1.0) }
        try await withBoard(api) { client in
            for (query, status, message) in [
                (query(["run": "."]), 404, "run \".\" has no graph"),
                (query(["run": "elsewhere"]), 404, "no run \"elsewhere\""),
                ("", 400, "missing query parameter \"run\""),
            ] {
                let error = try await client.error("/api/graph", query)
                #expect(error.status == status && error.message == message && error.parameter == "run", "\(error)")
            }
        }
    }

    @Test("A graph record whose bytes are not a GraphDef is reported with its file and offset")
    func undecodableGraph() async throws {
        let api = try loggedAPI { writer in
            writer.addScalar("loss", 1.0)
            var event = TBEvent()
            event.graphDef = Data([0x0A, 0x05, 0x01])  // node field: 5 bytes announced, 1 present
            writer.addEvent(event)
        }
        let record = try #require(try Self.graphRecords(api).first)
        try await withBoard(api) { client in
            let (status, message, _) = try await client.error("/api/graph", query(["run": "."]))
            #expect(status == 422)
            #expect(message.contains("offset \(record.offset) of \(record.path)") && message.contains("not a GraphDef"), "\(message)")
            #expect(try await client.json("/api/scalars", query(["run": ".", "tag": "loss"])).status == 200)
        }
    }

    @Test("A graph record damaged or cut off after loading is reported; a decoded graph is kept")
    func damagedAfterLoading() async throws {
        let api = try loggedAPI { $0.addGraph(Self.nodes) }
        let record = try #require(try Self.graphRecords(api).first)
        var bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: record.path)))
        bytes[Int(record.offset) + 20] ^= 0xFF
        let recordStart = bytes[..<Int(record.offset)]
        try Data(bytes).write(to: URL(fileURLWithPath: record.path))
        try await withBoard(api) { client in
            let damaged = try await client.error("/api/graph", query(["run": "."]))
            #expect(damaged.status == 422 && damaged.message.contains("offset \(record.offset) of \(record.path)"), "\(damaged.message)")
            #expect(damaged.message.contains("fails its data checksum"), "\(damaged.message)")

            try Data(recordStart).write(to: URL(fileURLWithPath: record.path))
            let cut = try await client.error("/api/graph", query(["run": "."]))
            #expect(cut.status == 422 && cut.message.contains("no intact record starts there"), "\(cut.message)")
        }

        // Decoded once, a graph is answered from memory even after its file is gone.
        let kept = try loggedAPI { $0.addGraph(Self.nodes) }
        let path = try #require(try Self.graphRecords(kept).first).path
        try await withBoard(kept) { client in
            #expect(try await client.json("/api/graph", query(["run": "."])).status == 200)
            try FileManager.default.removeItem(atPath: path)
            #expect(try await client.json("/api/graph", query(["run": "."])).status == 200)
        }
    }
}
