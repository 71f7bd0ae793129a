import Foundation
import Lumen

/// What the training demo shows of the network beside its curves: the model's graph and
/// summary, a grid of one input batch with its labels, and each epoch conv1's kernels, the
/// feature maps of conv1 and relu3 for one validation image, and CAM and Grad-CAM heat maps laid
/// over a fixed set of validation images.
struct DemoInsights {
    let model: LeNetGAP
    let writer: SummaryWriter
    let classes: [String]
    /// The validation images the heat maps and feature maps are drawn for, `[8, 1, H, W]`.
    let samples: Tensor
    let sampleLabels: [Int]

    /// Picks the first eight validation images.
    init<D: Dataset>(model: LeNetGAP, writer: SummaryWriter, valid: D, classes: [String]) throws {
        self.model = model
        self.writer = writer
        self.classes = classes
        var images: [Tensor] = [], labels: [Int] = []
        for index in 0..<min(8, valid.count) {
            let (image, label) = try valid[index]
            images.append(image)
            labels.append(label)
        }
        samples = Tensor.stack(images)
        sampleLabels = labels
    }

    /// Logs the graph and the `summary()` table, and prints the table.
    func logModel() throws {
        let inputSize = Array(samples.shape.dropFirst())
        writer.addGraph(model, input: Tensor.zeros([1] + inputSize))
        let table = summary(model, inputSize: inputSize).description
        say(table)
        writer.addText("Model/summary", "```\n\(table)\n```", step: 0)
    }

    /// Logs the first batch of `loader` as a grid, and its labels in the same layout as text.
    func logInputBatch<D: Dataset>(from loader: DataLoader<D>) throws {
        var iterator = loader.makeIterator()
        guard let (images, labels) = try iterator.nextBatch() else { return }
        let columns = 8
        try writer.addImage("Input/batch", makeGrid(images, nrow: columns, padding: 2, normalize: true), step: 0)
        let names = labels.scalars.map { classes[Int($0)] }
        let rows = stride(from: 0, to: names.count, by: columns).map { start in
            "| " + names[start..<min(start + columns, names.count)].joined(separator: " | ") + " |"
        }
        let header = "| " + Array(repeating: " ", count: min(columns, names.count)).joined(separator: " | ") + " |\n|"
            + String(repeating: "---|", count: min(columns, names.count))
        writer.addText("Input/labels", "Labels of the input batch, in the grid's layout:\n\n\(header)\n" + rows.joined(separator: "\n"), step: 0)
    }

    /// Logs the epoch's kernels, feature maps and heat maps.
    func logEpoch(_ epoch: Int) throws {
        model.eval()
        defer { model.train() }
        try writer.addKernels("conv1/kernels", model.conv1.weight, step: epoch)
        let maps = try FeatureMaps(model, layers: ["conv1", "relu3"])
        _ = withNoGrad { model(samples[0..<1]) }
        maps.remove()
        try writer.addFeatureMaps("conv1/feature_maps", maps["conv1"]!, step: epoch)
        try writer.addFeatureMaps("relu3/feature_maps", maps["relu3"]!, step: epoch)

        let cam = try CAM(model: model, targetLayers: ["relu3"])
        let gradCAM = try GradCAM(model: model, targetLayers: ["relu3"])
        try logOverlays("CAM/overlays", heatmaps: try cam(samples), step: epoch)
        try logOverlays("Grad-CAM/overlays", heatmaps: try gradCAM(samples), step: epoch)
        let predicted = withNoGrad { model(samples) }.argmax(dim: 1).scalars.map { Int($0) }
        let lines = zip(sampleLabels, predicted).enumerated().map { index, pair in
            "| \(index + 1) | \(classes[pair.0]) | \(classes[pair.1]) |\(pair.0 == pair.1 ? "" : " ✗")"
        }
        writer.addText("CAM/predictions", "Heat maps show where the network looks for the class it predicts.\n\n| image | label | predicted |\n|---|---|---|\n" + lines.joined(separator: "\n"), step: epoch)
    }

    /// Lays each heat map over its image (jet, weight 0.5) and logs a grid of two rows: the
    /// images, and below each its overlay.
    private func logOverlays(_ tag: String, heatmaps: Tensor, step: Int) throws {
        var images: [Tensor] = [], overlays: [Tensor] = []
        for index in 0..<samples.shape[0] {
            let gray = samples[index]
            let rgb = Tensor.cat([gray, gray, gray], dim: 0)
            images.append(rgb)
            overlays.append(try overlay(heatmap: heatmaps[index], on: rgb).tensor())
        }
        try writer.addImage(tag, makeGrid(Tensor.stack(images + overlays), nrow: images.count, padding: 2), step: step)
    }
}
