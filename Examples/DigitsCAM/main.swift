// Where does a network look? Trains LeNetGAP (convolutions → global average pooling → one
// linear layer) on the bundled digits for three epochs, then draws CAM and Grad-CAM heat maps of
// the predicted class over eight validation digits and saves them as one PNG grid: the digits
// on top, CAM in the middle, Grad-CAM below.
//
//   swift run cam-example [--out cam.png]
import Foundation
import Lumen

let arguments = CommandLine.arguments
let out = arguments.firstIndex(of: "--out").flatMap { $0 + 1 < arguments.count ? arguments[$0 + 1] : nil } ?? "cam.png"

do {
    Tensor.manualSeed(0)
    let parts = try randomSplit(try Digits(size: 32), fractions: [0.8, 0.2], generator: Generator(seed: 0))
    let model = LeNetGAP(inChannels: 1, classes: 10)
    let optimizer = SGD(model.parameters(), lr: 0.05, momentum: 0.9)
    let loader = DataLoader(parts[0], batchSize: 32, shuffle: true, generator: Generator(seed: 1))
    for epoch in 1...3 {
        var last: Float = 0
        try loader.forEachBatch { images, labels in
            optimizer.zeroGrad()
            let loss = model(images).crossEntropy(labels)
            try loss.backward()
            optimizer.step()
            last = loss.item()
        }
        print("epoch \(epoch): last batch loss \(last)")
    }

    model.eval()
    let samples = Tensor.stack(try (0..<8).map { try parts[1][$0].input })          // [8, 1, 32, 32]
    let predicted = withNoGrad { model(samples) }.argmax(dim: 1).scalars.map { Int($0) }
    let truth = try (0..<8).map { try parts[1][$0].label }
    print("labels:    \(truth)\npredicted: \(predicted)")

    let cam = try CAM(model: model, targetLayers: ["relu3"])(samples)                // [8, 32, 32], top class
    let gradCAM = try GradCAM(model: model, targetLayers: ["relu3"])(samples)
    var rows: [[Tensor]] = [[], [], []]
    for index in 0..<8 {
        let gray = samples[index]
        let rgb = Tensor.cat([gray, gray, gray], dim: 0)
        rows[0].append(rgb)
        rows[1].append(try overlay(heatmap: cam[index], on: rgb).tensor())
        rows[2].append(try overlay(heatmap: gradCAM[index], on: rgb).tensor())
    }
    try saveImage(Tensor.stack(rows.flatMap { $0 }), to: out, nrow: 8)
    print("saved \(out)")
} catch {
    print("error: \(error)")
    exit(1)
}
