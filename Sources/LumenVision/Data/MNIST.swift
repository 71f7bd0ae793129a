import Foundation
import LumenTensor

/// The MNIST handwritten digits, or any data set in its file format (Fashion-MNIST, KMNIST, …),
/// as torchvision's `MNIST` / `FashionMNIST`: 28×28 gray pictures and class indices read from
/// the four IDX files, plain or `.gz`.
///
/// The files are found in `root` or in torchvision's `root/MNIST/raw` or
/// `root/FashionMNIST/raw`, under their standard names: `train-images-idx3-ubyte`,
/// `train-labels-idx1-ubyte`, `t10k-images-idx3-ubyte`, `t10k-labels-idx1-ubyte`, each with or
/// without `.gz`. All pictures are decoded at once into one buffer; a sample is a one-channel
/// ``Image`` given to `transform` (as torchvision gives a PIL `L` image), or, without a
/// transform, a `[1, H, W]` tensor of the bytes / 255.
///
/// ```swift
/// let train = try MNIST(root: MNIST.debianFashionMNIST, train: true)
/// let (image, label) = try train[0]   // [1, 28, 28], 9 ("Ankle boot")
/// print(MNIST.fashionMNISTClasses[label])
/// ```
public struct MNIST: Dataset {
    /// Where Debian's `dataset-fashion-mnist` package puts Fashion-MNIST.
    public static let debianFashionMNIST = "/usr/share/datasets/fashion-mnist"
    /// Fashion-MNIST's class names, by label (torchvision's `FashionMNIST.classes`).
    public static let fashionMNISTClasses = [
        "T-shirt/top", "Trouser", "Pullover", "Dress", "Coat", "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot",
    ]

    /// The image file, `[count, height, width]`.
    public let images: IDXFile
    /// The label file, `[count]`.
    public let labels: IDXFile
    /// Applied to each picture; nil gives the `[1, H, W]` tensor.
    public let transform: (any Transform)?

    /// Reads the training (`train`) or test (`t10k`) files under `root`.
    ///
    /// - Throws: ``VisionError`` naming the folder and the names looked for when a file is
    ///   missing; naming the file and offset when one is damaged; naming both files when their
    ///   counts differ.
    ///
    /// ```swift
    /// let test = try MNIST(root: "data", train: false)
    /// ```
    public init(root: String, train: Bool = true, transform: (any Transform)? = nil) throws {
        let prefix = train ? "train" : "t10k"
        let imageFile = try IDXFile(contentsOf: Self.locate("\(prefix)-images-idx3-ubyte", in: root))
        let labelFile = try IDXFile(contentsOf: Self.locate("\(prefix)-labels-idx1-ubyte", in: root))
        guard imageFile.dimensions.count == 3 else {
            throw VisionError("\(imageFile.path): expected 3 dimensions [count, height, width], the header gives \(imageFile.dimensions)")
        }
        guard labelFile.dimensions.count == 1 else {
            throw VisionError("\(labelFile.path): expected 1 dimension [count], the header gives \(labelFile.dimensions)")
        }
        guard imageFile.dimensions[0] == labelFile.dimensions[0] else {
            throw VisionError("\(imageFile.path) holds \(imageFile.dimensions[0]) images but \(labelFile.path) holds \(labelFile.dimensions[0]) labels")
        }
        self.images = imageFile
        self.labels = labelFile
        self.transform = transform
    }

    /// The first of `name`, `name.gz` found in `root` or torchvision's `raw` folders under it.
    static func locate(_ name: String, in root: String) throws -> String {
        let folders = [root, "\(root)/MNIST/raw", "\(root)/FashionMNIST/raw"]
        for folder in folders {
            for file in [name, name + ".gz"] where FileManager.default.fileExists(atPath: "\(folder)/\(file)") {
                return "\(folder)/\(file)"
            }
        }
        throw VisionError("MNIST: no \(name) or \(name).gz in \(folders.joined(separator: ", "))")
    }

    /// The number of pictures.
    public var count: Int { labels.dimensions[0] }
    /// Rows per picture (28 for MNIST).
    public var height: Int { images.dimensions[1] }
    /// Columns per picture (28 for MNIST).
    public var width: Int { images.dimensions[2] }

    /// Every sample's label, in order (torchvision's `targets`).
    ///
    /// ```swift
    /// let sevens = mnist.targets.filter { $0 == 7 }.count
    /// ```
    public var targets: [Int] { labels.values.map(Int.init) }

    /// Picture `index` as a one-channel ``Image``.
    ///
    /// ```swift
    /// let picture = try mnist.image(at: 0)   // 28×28, 1 channel
    /// ```
    public func image(at index: Int) throws -> Image {
        try checkIndex(index, in: "MNIST")
        let area = height * width
        return Image(width: width, height: height, channels: 1, pixels: Array(images.values[index * area ..< (index + 1) * area]))
    }

    /// Picture `index` through the transform (or as a `[1, H, W]` tensor / 255) and its label.
    ///
    /// - Throws: ``VisionError`` naming the index when it is out of range or the transform fails.
    ///
    /// ```swift
    /// let (x, y) = try mnist.sample(at: 0, generator: Generator(seed: 0))
    /// ```
    public func sample(at index: Int, generator: Generator) throws -> (input: Tensor, label: Int) {
        try checkIndex(index, in: "MNIST")
        let label = Int(labels.values[index])
        guard let transform else {
            let area = height * width
            var values = [Float](repeating: 0, count: area)
            images.values.withUnsafeBufferPointer { src in
                values.withUnsafeMutableBufferPointer { dst in
                    let start = index &* area
                    for i in 0..<area { dst[i] = Float(src[start &+ i]) / 255 }
                }
            }
            return (Tensor(values, shape: [1, height, width]), label)
        }
        do {
            return (try transform(.image(try image(at: index)), generator: generator).tensor(), label)
        } catch {
            throw VisionError("MNIST: sample \(index): \(error)")
        }
    }
}
