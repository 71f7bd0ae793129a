import Foundation
import LumenBoard
import LumenFixtures
import LumenTestSupport
import Testing
@testable import LumenServer

/// The `/api/projector` endpoints over torch's `add_embedding` logs
/// (`Scripts/make_compare_fixtures.py`) and Lumen's writer given the same calls, and over
/// hostile and malformed projector files.
@Suite("Projector endpoints")
struct ProjectorAPITests {
    @Test("Each embedding listed; matrix, labels, sprite, PCA and neighbours served", arguments: ["torch", "lumen"])
    func embeddings(writer: String) async throws {
        let root = temporaryDirectory()
        if writer == "torch" {
            try FileManager.default.copyItem(atPath: fixtures + "/compare/embedding", toPath: root + "/embedding")
        } else {
            try CompareManifest(directory: fixtures + "/compare").writeAll(into: root)
        }
        let calls = try CompareManifest(directory: fixtures + "/compare").embeddings
            .map { (matrix: $0.matrix, labels: $0.labels, rows: $0.rows, header: $0.header) }
        try await withBoard(loadedAPI(root + "/embedding")) { client in
            let list = try #require(try await client.json("/api/projector").body as? [String: Any])
            let embeddings = try #require(list["embeddings"] as? [[String: Any]])
            #expect(embeddings.map { $0["name"] as? String } == ["default:00000", "words/v1 100%:00012", "plain:00003"])
            #expect(embeddings.map { $0["run"] as? String } == [".", ".", "."])
            #expect(embeddings[1]["sprite"] as? [String: Int] == ["width": 5, "height": 4])
            #expect(list["problems"] as? [String] == [])
            for (entry, call) in zip(embeddings, calls) {
                let name = try #require(entry["name"] as? String)
                let tensor = try await client.get("/api/projector/tensor", query(["run": ".", "name": name]))
                #expect(tensor.status == .ok)
                let rows = call.matrix.count, columns = call.matrix[0].count
                #expect(tensor.headers[.init("X-Lumen-Rows")!] == String(rows))
                #expect(tensor.headers[.init("X-Lumen-Columns")!] == String(columns))
                let values = Array(tensor.body.readableBytesView).withUnsafeBytes { Array($0.bindMemory(to: Float.self)) }
                #expect(values == call.matrix.joined().map { Float($0) })
                let pca = try await client.get("/api/projector/pca", query(["run": ".", "name": name]))
                #expect(pca.status == .ok && pca.body.readableBytes == rows * min(3, columns) * 4)
                let explained = try #require(pca.headers[.init("X-Lumen-Variance-Explained")!]).split(separator: ",").compactMap { Double($0) }
                #expect(explained.count == min(3, columns) && explained.reduce(0, +) <= 1 + 1e-9 && explained == explained.sorted(by: >))
                let near = try #require(try await client.json("/api/projector/neighbors", query(["run": ".", "name": name, "index": "0", "k": "3"])).body as? [String: Any])
                let neighbors = try #require(near["neighbors"] as? [[String: Any]])
                #expect(neighbors.count == min(3, rows - 1) && !neighbors.contains { $0["index"] as? Int == 0 })
                let metadata = try #require(try await client.json("/api/projector/metadata", query(["run": ".", "name": name])).body as? [String: Any])
                #expect(metadata["points"] as? Int == rows)
                let columnsServed = metadata["columns"] as? [[String]]
                if let labels = call.labels {
                    #expect(columnsServed == [labels] && metadata["names"] as? [String] == ["label"])
                } else if let rowsLogged = call.rows, let header = call.header {
                    #expect(metadata["names"] as? [String] == header)
                    #expect(columnsServed == header.indices.map { c in rowsLogged.map { $0[c] } })
                } else {
                    #expect(metadata["names"] as? [String] == [] && columnsServed == [])
                }
                let sprite = try await client.get("/api/projector/sprite", query(["run": ".", "name": name]))
                if entry["sprite"] is [String: Int] {
                    #expect(sprite.status == .ok && Array(sprite.body.readableBytesView.prefix(4)) == [0x89, 0x50, 0x4E, 0x47])
                } else {
                    #expect(sprite.status == .notFound)
                }
            }
            let missing = try await client.error("/api/projector/tensor", query(["run": ".", "name": "nope"]))
            #expect(missing.status == 404 && missing.parameter == "name")
            let badRun = try await client.error("/api/projector/pca", query(["run": "elsewhere", "name": "default:00000"]))
            #expect(badRun.status == 404 && badRun.parameter == "run")
            let badIndex = try await client.error("/api/projector/neighbors", query(["run": ".", "name": "default:00000", "index": "99999"]))
            #expect(badIndex.status == 400 && badIndex.parameter == "index")
            let badMetric = try await client.error("/api/projector/neighbors", query(["run": ".", "name": "default:00000", "index": "0", "metric": "l1"]))
            #expect(badMetric.status == 400 && badMetric.parameter == "metric")
        }
    }

    /// A run directory with an event file and `config` as its projector config.
    func run(_ root: String, _ name: String, config: String, files: [String: String] = [:]) throws {
        let directory = root + "/" + name
        let writer = try SummaryWriter(logDir: directory)
        writer.addScalar("loss", 1, step: 0)
        try writer.close()
        try config.write(toFile: directory + "/projector_config.pbtxt", atomically: true, encoding: .utf8)
        for (path, text) in files {
            let file = directory + "/" + path
            try FileManager.default.createDirectory(atPath: (file as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
            try text.write(toFile: file, atomically: true, encoding: .utf8)
        }
    }

    @Test("Hostile and malformed configs and files are problems in /api/status, and the rest is served")
    func hostileInput() async throws {
        let root = temporaryDirectory()
        try "1\t2\n".write(toFile: root + "/secret.tsv", atomically: true, encoding: .utf8)
        try run(root, "good", config: "embeddings {\n  tensor_name: \"ok\"\n  tensor_path: \"t.tsv\"\n}\nembeddings {\n  tensor_name: \"nan\"\n  tensor_path: \"n.tsv\"\n}\n",
                files: ["t.tsv": "1\t2\n3\t4\n", "n.tsv": "1\t2\n3\tnan\n"])
        try run(root, "escape", config: """
            embeddings {
              tensor_name: "dots"
              tensor_path: "../secret.tsv"
            }
            embeddings {
              tensor_name: "absolute"
              tensor_path: "\(root)/secret.tsv"
            }
            embeddings {
              tensor_name: "link"
              tensor_path: "link.tsv"
            }
            embeddings {
              tensor_name: "missing"
              tensor_path: "t.tsv"
              metadata_path: "nowhere.tsv"
            }
            embeddings {
              tensor_name: "ragged"
              tensor_path: "ragged.tsv"
            }
            embeddings {
              tensor_name: "labels"
              tensor_path: "ragged.tsv"
              metadata_path: "m.tsv"
            }
            """, files: ["t.tsv": "1\n", "ragged.tsv": "1\t2\n3\t4\n5\n", "m.tsv": "a\n"])
        try FileManager.default.createSymbolicLink(atPath: root + "/escape/link.tsv", withDestinationPath: root + "/secret.tsv")
        try run(root, "syntax", config: "embeddings {\n  tensor_name: \"x\"\n  sprite { image_path: 3 }\n}\n")
        try run(root, "linked", config: "")
        try FileManager.default.removeItem(atPath: root + "/linked/projector_config.pbtxt")
        try FileManager.default.createSymbolicLink(atPath: root + "/linked/projector_config.pbtxt", withDestinationPath: root + "/secret.tsv")
        try await withBoard(loadedAPI(root)) { client in
            let list = try #require(try await client.json("/api/projector").body as? [String: Any])
            let names = try #require(list["embeddings"] as? [[String: Any]]).map { "\($0["run"]!)/\($0["name"]!)" }
            #expect(names == ["escape/ragged", "escape/labels", "good/ok", "good/nan"])
            let ragged = try await client.error("/api/projector/pca", query(["run": "escape", "name": "ragged"]))
            #expect(ragged.status == 422 && ragged.message.contains("ragged.tsv:3: 1 values, but the first line has 2"), "\(ragged.message)")
            let good = try await client.get("/api/projector/pca", query(["run": "good", "name": "ok"]))
            #expect(good.status == .ok)
            let notFinite = try await client.error("/api/projector/pca", query(["run": "good", "name": "nan"]))
            #expect(notFinite.status == 422 && notFinite.message.hasSuffix("n.tsv:2: value 2 is nan; PCA needs finite numbers"), "\(notFinite.message)")
            let status = try #require(try await client.json("/api/status").body as? [String: Any])
            let problems = try #require(status["projector"] as? [String])
            let config = root + "/escape/projector_config.pbtxt"
            for expected in [
                "\(config):1: tensor_path \"../secret.tsv\" contains `..`",
                "\(config):5: tensor_path \"\(root)/secret.tsv\" is absolute",
                "\(config):9: tensor_path \"link.tsv\" leads outside the run's directory",
                "\(config):13: metadata_path \"nowhere.tsv\" does not exist",
                "syntax/projector_config.pbtxt:3: image_path should be a quoted string",
                "ragged.tsv:3: 1 values, but the first line has 2",
                "linked/projector_config.pbtxt: the config \"projector_config.pbtxt\" leads outside the run's directory",
            ] {
                #expect(problems.contains { $0.contains(expected) }, "\(expected) in \(problems)")
            }
        }
    }
}
