import Foundation
import Lumen

/// What the training demo learns from: one-channel images with a training and a validation set.
enum DemoDataset: String, CaseIterable, Sendable {
    /// The bundled UCI digits, enlarged to 32×32, split 80 / 20 with a fixed seed.
    case digits
    /// Fashion-MNIST's 60,000 training and 10,000 test images (28×28), from `--data` or
    /// Debian's `dataset-fashion-mnist`.
    case fashionMNIST = "fashion-mnist"

    /// Class names, in label order.
    var classes: [String] {
        switch self {
        case .digits: return (0..<10).map(String.init)
        case .fashionMNIST: return MNIST.fashionMNISTClasses
        }
    }

    /// Images per batch.
    var batchSize: Int { self == .digits ? 32 : 64 }

    /// Epochs when `--epochs` is not given.
    var defaultEpochs: Int { self == .digits ? 10 : 2 }
}

/// The training and validation sets of a ``DemoDataset``.
struct DemoSplits<Train: Dataset, Valid: Dataset> {
    let train: Train
    let valid: Valid
}

extension DemoDataset {
    /// The bundled digits at 32×32, 80 % for training and 20 % for validation (seed 0).
    static func digitsSplits() throws -> DemoSplits<Subset<Digits>, Subset<Digits>> {
        let parts = try randomSplit(try Digits(size: 32), fractions: [0.8, 0.2], generator: Generator(seed: 0))
        return DemoSplits(train: parts[0], valid: parts[1])
    }

    /// Fashion-MNIST's training and test sets from `folder` (Debian's location by default).
    /// - Throws: ``VisionError`` naming the missing file, with a hint where to get the data.
    static func fashionSplits(folder: String?) throws -> DemoSplits<MNIST, MNIST> {
        let root = folder ?? MNIST.debianFashionMNIST
        do {
            return DemoSplits(train: try MNIST(root: root, train: true), valid: try MNIST(root: root, train: false))
        } catch let error as VisionError {
            throw VisionError("\(error.message)\nFashion-MNIST: install Debian's package (apt-get install dataset-fashion-mnist) or pass --data DIR holding train-images-idx3-ubyte.gz, train-labels-idx1-ubyte.gz, t10k-images-idx3-ubyte.gz and t10k-labels-idx1-ubyte.gz")
        }
    }
}
