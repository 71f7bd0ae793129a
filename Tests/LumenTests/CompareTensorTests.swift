import Foundation
import Lumen
import LumenTestSupport
import Testing

@Suite("PR curves and embeddings from tensors")
struct CompareTensorTests {
    @Test("addPrCurve on tensors writes what the array form writes; a label other than 0 or 1 is an error")
    func prCurve() throws {
        let (tensors, arrays) = (temporaryDirectory(), temporaryDirectory())
        let labels: [Float] = [1, 0, 1, 1, 0]
        let predictions: [Float] = [0.9, 0.2, 0.4, 0.75, 0.5]
        let weights: [Float] = [1, 2, 0.5, 1, 3]
        let fromTensors = try SummaryWriter(logDir: tensors)
        try fromTensors.addPrCurve(
            "pr", labels: Tensor(labels, shape: [5, 1]), predictions: Tensor(predictions), step: 2, numThresholds: 9,
            weights: Tensor(weights), wallTime: 1)
        #expect { try fromTensors.addPrCurve("pr", labels: Tensor([1, 0.5]), predictions: Tensor([0.1, 0.2])) } throws: { error in
            "\(error)" == "labels: value #1 is 0.5, but a label is 0 or 1"
        }
        try fromTensors.close()
        let fromArrays = try SummaryWriter(logDir: arrays)
        try fromArrays.addPrCurve(
            "pr", labels: labels.map { $0 == 1 }, predictions: predictions, step: 2, numThresholds: 9, weights: weights.map(Double.init),
            wallTime: 1)
        try fromArrays.close()
        #expect(try EventLog(tensors).values("pr") == EventLog(arrays).values("pr"))
        #expect(try EventLog(tensors).values("pr").first?.tensor.tensorShape.dim.map(\.size) == [6, 9])
    }

    @Test("addEmbedding on tensors writes the array form's files; a matrix that is not 2-D is an error")
    func embedding() throws {
        let (tensors, arrays) = (temporaryDirectory(), temporaryDirectory())
        let rows: [[Float]] = [[0.5, -1], [2, 1e-5], [3, 4]]
        let images = (0..<12).map { Float($0) / 12 }
        let fromTensors = try SummaryWriter(logDir: tensors)
        try fromTensors.addEmbedding(
            Tensor(rows), metadata: ["a", "b", "c"], labelImages: Tensor(images, shape: [3, 1, 2, 2]), tag: "t", step: 1)
        #expect { try fromTensors.addEmbedding(Tensor([1, 2, 3])) } throws: { error in
            "\(error)" == "matrix: shape [3] is not [points, features]"
        }
        try fromTensors.close()
        let fromArrays = try SummaryWriter(logDir: arrays)
        try fromArrays.addEmbedding(
            rows, metadata: ["a", "b", "c"], labelImages: LabelImages(images, shape: [3, 1, 2, 2]), tag: "t", step: 1)
        try fromArrays.close()
        for file in ["projector_config.pbtxt", "00001/t/tensors.tsv", "00001/t/metadata.tsv", "00001/t/sprite.png"] {
            #expect(FileManager.default.contents(atPath: tensors + "/" + file) == FileManager.default.contents(atPath: arrays + "/" + file), "\(file)")
        }
        #expect(try String(contentsOfFile: tensors + "/00001/t/tensors.tsv", encoding: .utf8) == "0.5\t-1.0\n2.0\t9.999999747378752e-06\n3.0\t4.0\n")
    }
}
