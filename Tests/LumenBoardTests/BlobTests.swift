import Foundation
import LumenPNG
import LumenTestSupport
import Testing
@testable import LumenBoard

/// Blobs the reader keeps only the place of — images and graphs — read back from their files.
@Suite("Reading images and graphs back from their event files")
struct BlobTests {
    /// A loaded run holding one 5×4 image `img` and one graph, and where the image is.
    static func loggedRun() throws -> (run: RunStore, image: ImageReference) {
        let dir = temporaryDirectory()
        let writer = try SummaryWriter(logDir: dir)
        try writer.addImage("img", [Float](repeating: 0.25, count: 3 * 4 * 5), shape: [3, 4, 5], step: 2)
        writer.addGraph([GraphNodeDefinition(name: "input/x", op: "IO Node", outputShapes: [[1, 3]])])
        try writer.close()
        let store = LogdirStore(root: dir)
        store.reload()
        let run = try #require(store.run(named: "."))
        return (run, try #require(run.read { $0.images["img"]?.points.first?.first }))
    }

    @Test("An image comes back as the PNG that was logged")
    func image() throws {
        let (_, reference) = try Self.loggedRun()
        let blob = try ImageBlob.read(reference, tag: "img")
        #expect(blob.mimeType == "image/png")
        let png = try PNGDecoder.decode([UInt8](blob.bytes))
        #expect(png.width == 5 && png.height == 4)
    }

    @Test("A graph comes back decoded, with its wall time")
    func graph() throws {
        let (run, _) = try Self.loggedRun()
        let place = try #require(run.read { $0.graphs.first })
        let graph = try GraphBlob.read(path: place.path, offset: place.offset)
        #expect(graph.definition.node.map(\.name) == ["input/x"])
        #expect(graph.wallTime > 1_600_000_000)
    }

    @Test("A record damaged since loading, or holding something else, is reported with its file and offset")
    func unreadable() throws {
        let (_, reference) = try Self.loggedRun()
        let notAGraph = #expect(throws: BlobError.self) { try GraphBlob.read(path: reference.path, offset: reference.offset) }
        #expect(notAGraph?.description == "the graph at offset \(reference.offset) of \(reference.path) cannot be read: the record holds no graph")
        let otherTag = #expect(throws: BlobError.self) { try ImageBlob.read(reference, tag: "elsewhere") }
        #expect(otherTag?.reason == "the record holds no such image")

        var bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: reference.path)))
        bytes[Int(reference.offset) + 30] ^= 0xFF
        try Data(bytes).write(to: URL(fileURLWithPath: reference.path))
        let damaged = #expect(throws: BlobError.self) { try ImageBlob.read(reference, tag: "img") }
        #expect(damaged?.description.hasPrefix("image 0 of tag \"img\" at offset \(reference.offset) of \(reference.path)") == true)
        #expect(damaged?.reason.contains("fails its data checksum") == true, "\(String(describing: damaged))")
    }
}
