import Foundation
import LumenTestSupport
@testable import LumenVision
import Testing

@Suite("MNIST and IDX files")
struct MNISTTests {
    static let tinyFolder = Bundle.module.url(forResource: "Fixtures", withExtension: nil)!.appendingPathComponent("mnist-tiny").path

    /// IDX bytes: two zero bytes, type 0x08, the rank, big-endian dimensions, then `values`.
    static func idx(_ dimensions: [Int], _ values: [UInt8]) -> [UInt8] {
        [0, 0, 8, UInt8(dimensions.count)] + dimensions.flatMap { d in (0..<4).reversed().map { UInt8(truncatingIfNeeded: d >> ($0 * 8)) } } + values
    }

    static func write(_ bytes: [UInt8], _ path: String) throws {
        try Data(bytes).write(to: URL(fileURLWithPath: path))
    }

    /// The inflated contents of a fixture's `.gz` file.
    static func inflated(_ name: String) throws -> [UInt8] {
        let path = "\(tinyFolder)/\(name).gz"
        return try Gzip.decompress([UInt8](try Data(contentsOf: URL(fileURLWithPath: path))), file: path)
    }

    @Test("gzip-compressed IDX files read as torchvision's MNIST reads them")
    func tinyMatchesTorchvision() throws {
        for (train, split) in [(true, "train"), (false, "test")] {
            let reference = DatasetFixture.shared.mnist_tiny[split]!
            let mnist = try MNIST(root: Self.tinyFolder, train: train)
            #expect(mnist.count == reference.labels.count)
            #expect(mnist.targets == reference.labels)
            #expect(mnist.height == 28 && mnist.width == 28)
            for index in 0..<mnist.count {
                let (x, label) = try mnist[index]
                #expect(x.shape == [1, 28, 28])
                #expect(x.scalars.map { Int(($0 * 255).rounded()) } == reference.pixels[index])
                #expect(label == reference.labels[index])
            }
        }
    }

    @Test("plain files in torchvision's MNIST/raw layout read the same as the .gz ones")
    func plainFilesInRawFolder() throws {
        let root = temporaryDirectory("mnist")
        try FileManager.default.createDirectory(atPath: root + "/MNIST/raw", withIntermediateDirectories: true)
        for name in ["t10k-images-idx3-ubyte", "t10k-labels-idx1-ubyte"] {
            try Self.write(try Self.inflated(name), "\(root)/MNIST/raw/\(name)")
        }
        let plain = try MNIST(root: root, train: false)
        let compressed = try MNIST(root: Self.tinyFolder, train: false)
        #expect(plain.images.values == compressed.images.values)
        #expect(plain.targets == compressed.targets)
        #expect(plain.images.path.hasSuffix("MNIST/raw/t10k-images-idx3-ubyte"))
        let missing = #expect(throws: VisionError.self) { try MNIST(root: root, train: true) }
        #expect(missing?.message.contains("train-images-idx3-ubyte") == true)
    }

    @Test("the transform gets a 28×28 one-channel Image")
    func transformGetsGrayImage() throws {
        struct Describe: Transform {
            func callAsFunction(_ input: TransformInput, generator: Generator) throws -> TransformInput {
                guard case .image(let image) = input else { throw VisionError("expected a picture") }
                return .tensor(Tensor([Float(image.channels), Float(image.height), Float(image.pixels[0])]))
            }
        }
        let mnist = try MNIST(root: Self.tinyFolder, transform: Describe())
        let first = DatasetFixture.shared.mnist_tiny["train"]!.pixels[0][0]
        #expect(try mnist[0].input.scalars == [1, 28, Float(first)])
    }

    @Test("damaged files give errors naming the file and the offset")
    func damagedFiles() throws {
        let folder = temporaryDirectory("idx")
        func failure(_ bytes: [UInt8]) -> String {
            let path = "\(folder)/case-\(UUID().uuidString)"
            try? Self.write(bytes, path)
            do {
                _ = try IDXFile(contentsOf: path)
                return "no error"
            } catch {
                let message = (error as? VisionError)?.message ?? "\(error)"
                return message.hasPrefix(path + ": ") ? String(message.dropFirst(path.count + 2)) : "path missing: \(message)"
            }
        }
        let good = Self.idx([2, 3], [1, 2, 3, 4, 5, 6])
        #expect(failure(good) == "no error")
        #expect(failure([1, 8, 0, 3]).hasPrefix("offset 0: bad magic number 0x01080003"))
        #expect(failure([0, 0, 0x0D, 1, 0, 0, 0, 1, 0, 0, 0, 0]).hasPrefix("offset 2: value type 0x0d (32-bit floats)"))
        #expect(failure([0, 0, 8]).hasPrefix("offset 3: the file ends inside the 4-byte IDX header"))
        #expect(failure([0, 0, 8, 3, 0, 0]).hasPrefix("offset 6: the file ends inside the header of 16 bytes"))
        #expect(failure(Array(good.dropLast())) == "offset 12: truncated: the dimensions [2, 3] need 6 bytes of values, the file has 5")
        #expect(failure(good + [9]) == "offset 12: too long: the dimensions [2, 3] need 6 bytes of values, the file has 7")
        #expect(failure([0, 0, 8, 0]) == "offset 3: the header gives 0 dimensions")
        #expect(throws: VisionError.self) { try IDXFile(contentsOf: folder + "/absent") }
    }

    @Test("a truncated or corrupted .gz file names the file and the compressed offset")
    func damagedGzip() throws {
        let folder = temporaryDirectory("gz")
        let source = "\(Self.tinyFolder)/train-images-idx3-ubyte.gz"
        let compressed = [UInt8](try Data(contentsOf: URL(fileURLWithPath: source)))

        let truncatedPath = folder + "/truncated.gz"
        try Self.write(Array(compressed.prefix(compressed.count / 2)), truncatedPath)
        let truncated = #expect(throws: VisionError.self) { try IDXFile(contentsOf: truncatedPath) }
        #expect(truncated?.message.hasPrefix("\(truncatedPath): offset \(compressed.count / 2): the compressed data ends") == true, "\(truncated?.message ?? "")")

        var corrupted = compressed
        for i in 20..<60 { corrupted[i] ^= 0xFF }
        let corruptedPath = folder + "/corrupted.gz"
        try Self.write(corrupted, corruptedPath)
        let damaged = #expect(throws: VisionError.self) { try IDXFile(contentsOf: corruptedPath) }
        #expect(damaged?.message.hasPrefix("\(corruptedPath): offset ") == true, "\(damaged?.message ?? "")")
    }

    @Test("image and label counts that differ name both files")
    func countMismatch() throws {
        let root = temporaryDirectory("mismatch")
        try Self.write(Self.idx([2, 4, 4], [UInt8](repeating: 0, count: 32)), root + "/train-images-idx3-ubyte")
        try Self.write(Self.idx([3], [1, 2, 3]), root + "/train-labels-idx1-ubyte")
        let error = #expect(throws: VisionError.self) { try MNIST(root: root) }
        #expect(error?.message == "\(root)/train-images-idx3-ubyte holds 2 images but \(root)/train-labels-idx1-ubyte holds 3 labels")

        try Self.write(Self.idx([2, 16], [UInt8](repeating: 0, count: 32)), root + "/train-images-idx3-ubyte")
        let rank = #expect(throws: VisionError.self) { try MNIST(root: root) }
        #expect(rank?.message.contains("expected 3 dimensions") == true)
    }

    @Test("Fashion-MNIST from Debian's dataset-fashion-mnist matches torchvision's FashionMNIST",
          .enabled(if: FileManager.default.fileExists(atPath: MNIST.debianFashionMNIST) && DatasetFixture.shared.fashion_mnist != nil))
    func debianFashionMNIST() throws {
        for (train, split) in [(true, "train"), (false, "test")] {
            let reference = DatasetFixture.shared.fashion_mnist![split]!
            let mnist = try MNIST(root: MNIST.debianFashionMNIST, train: train)
            #expect(mnist.count == reference.count)
            #expect(Array(mnist.targets.prefix(20)) == reference.labels_head)
            let sums = (0..<10).map { try! mnist.image(at: $0).pixels.reduce(0) { $0 + Int($1) } }
            #expect(sums == reference.pixel_sums_head)
        }
    }
}
