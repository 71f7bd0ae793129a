import Foundation
import Lumen

/// Why training stopped before its last epoch.
struct TrainingStopped: Error, CustomStringConvertible {
    let description: String
}

/// Trains ``LeNetGAP`` on a demo dataset and logs, epoch by epoch, what happens inside it:
/// training and validation loss and accuracy as shared charts, the learning rate, every
/// parameter's values and gradients as histograms, and (through ``DemoInsights``) the input
/// batch, conv1's kernels and feature maps, and CAM / Grad-CAM overlays.
struct TrainingDemo<Train: Dataset, Valid: Dataset> {
    let dataset: DemoDataset
    let splits: DemoSplits<Train, Valid>
    let epochs: Int
    let runDir: String

    /// How training ended.
    struct Outcome {
        let validAccuracy: Double
        let seconds: Double
    }

    /// Trains for ``epochs`` epochs, logging into ``runDir``.
    /// - Throws: ``TrainingStopped`` when the loss stops being finite (naming the epoch and
    ///   batch; what was logged so far stays readable), or a dataset's error.
    func run() throws -> Outcome {
        Tensor.manualSeed(0)
        let model = LeNetGAP(inChannels: 1, classes: dataset.classes.count)
        let writer = try SummaryWriter(logDir: runDir)
        defer { try? writer.close() }
        let trainLoader = DataLoader(splits.train, batchSize: dataset.batchSize, shuffle: true, generator: Generator(seed: 1), workers: 1)
        let validLoader = DataLoader(splits.valid, batchSize: 256, workers: 1)
        let optimizer = SGD(model.parameters(), lr: 0.05, momentum: 0.9, weightDecay: 5e-4)
        let scheduler = CosineAnnealingLR(optimizer, tMax: epochs)
        let lossFunction = CrossEntropyLoss()
        let insights = try DemoInsights(model: model, writer: writer, valid: splits.valid, classes: dataset.classes)
        try insights.logModel()
        try insights.logInputBatch(from: trainLoader)

        let start = Date()
        var validAccuracy = 0.0
        let batches = (splits.train.count + dataset.batchSize - 1) / dataset.batchSize
        for epoch in 1...epochs {
            let epochStart = Date()
            model.train()
            var bar = ProgressBar(title: "epoch \(epoch)/\(epochs)", total: batches)
            var tally = Tally()
            try trainLoader.forEachBatch { images, labels in
                optimizer.zeroGrad()
                let scores = model(images)
                let loss = lossFunction(scores, labels)
                let value = loss.item()
                guard value.isFinite else {
                    try? writer.flush()
                    throw TrainingStopped(description: "the training loss became \(value) at epoch \(epoch), batch \(tally.batches + 1); the logs written so far are in \(runDir)")
                }
                try loss.backward()
                optimizer.step()
                tally.add(loss: value, scores: scores, labels: labels)
                bar.update(done: tally.batches, images: tally.images, loss: tally.meanLoss, accuracy: tally.accuracy)
            }
            let valid = try evaluate(model, on: validLoader, lossFunction: lossFunction)
            validAccuracy = valid.accuracy
            writer.addScalars("Loss", ["Train": tally.meanLoss, "Valid": valid.meanLoss], step: epoch)
            writer.addScalars("Accuracy", ["Train": tally.accuracy, "Valid": valid.accuracy], step: epoch)
            writer.addScalar("Learning rate", Double(optimizer.lr), step: epoch)
            for (name, parameter) in model.namedParameters() {
                try writer.addHistogram(name + "_data", parameter, step: epoch)
                if let grad = parameter.grad { try writer.addHistogram(name + "_grad", grad, step: epoch) }
            }
            try insights.logEpoch(epoch)
            scheduler.step()
            try writer.flush()
            bar.finish(String(format: "epoch %d/%d  train loss %.4f acc %5.1f%%   valid loss %.4f acc %5.1f%%   %.1f s",
                              epoch, epochs, tally.meanLoss, tally.accuracy * 100, valid.meanLoss, valid.accuracy * 100,
                              Date().timeIntervalSince(epochStart)))
        }
        return Outcome(validAccuracy: validAccuracy, seconds: Date().timeIntervalSince(start))
    }

    /// Loss and accuracy over a whole dataset in evaluation mode, without gradients.
    private func evaluate<D: Dataset>(_ model: LeNetGAP, on loader: DataLoader<D>, lossFunction: CrossEntropyLoss) throws -> Tally {
        model.eval()
        var tally = Tally()
        try withNoGrad {
            try loader.forEachBatch { images, labels in
                let scores = model(images)
                tally.add(loss: lossFunction(scores, labels).item(), scores: scores, labels: labels)
            }
        }
        return tally
    }
}

/// Running totals of loss and correct predictions over the batches of an epoch.
struct Tally {
    private(set) var batches = 0
    private(set) var images = 0
    private var correct = 0
    private var lossSum = 0.0

    /// Adds one batch: its mean loss and its scores against the labels.
    mutating func add(loss: Float, scores: Tensor, labels: Tensor) {
        let n = labels.count
        batches += 1
        images += n
        lossSum += Double(loss) * Double(n)
        correct += Int(scores.argmax(dim: 1).eq(labels).sum().item())
    }

    /// Mean loss per image.
    var meanLoss: Double { images > 0 ? lossSum / Double(images) : 0 }
    /// Share of images whose highest score is their label.
    var accuracy: Double { images > 0 ? Double(correct) / Double(images) : 0 }
}
