import Foundation
import LumenTensor

/// Pictures sorted into one sub-folder per class, as torchvision's `ImageFolder`:
///
/// ```text
/// root/cat/001.png
/// root/cat/more/002.PNG
/// root/dog/xyz.jpg
/// ```
///
/// The classes are the sub-folders of `root` sorted by name; the samples are the files with an
/// image extension (``imageExtensions``, any letter case) found by walking each class folder
/// recursively, following symbolic links, in torchvision's order (class by class, directories by
/// path, files by name), so sample `i` is the same file as torchvision's `dataset[i]`.
///
/// ```swift
/// let photos = try ImageFolder(root: "data/pets", transform: Compose([Resize([64, 64]), ToTensor()]))
/// print(photos.classes)            // ["cat", "dog"]
/// let (image, label) = try photos[0]
/// ```
public struct ImageFolder: Dataset {
    /// The extensions torchvision counts as images (`IMG_EXTENSIONS`), compared in lower case.
    public static let imageExtensions = [".jpg", ".jpeg", ".png", ".ppm", ".bmp", ".pgm", ".tif", ".tiff", ".webp"]

    /// The folder holding one sub-folder per class.
    public let root: String
    /// The class names: `root`'s sub-folders sorted by name (code point order, as Python).
    public let classes: [String]
    /// Each class name's index in ``classes``.
    public let classToIndex: [String: Int]
    /// Every sample's file path and class index, in torchvision's order.
    public let samples: [(path: String, classIndex: Int)]
    /// Applied to each decoded picture; nil gives ``Image/tensor()`` (ToTensor).
    public let transform: (any Transform)?
    /// Applied to each class index.
    public let targetTransform: ((Int) -> Int)?
    /// Reads a file into a picture.
    public let loader: (String) throws -> Image

    /// Lists the classes and samples under `root`.
    ///
    /// - Parameters:
    ///   - root: the folder of class folders (`~` is expanded).
    ///   - transform: applied to each loaded picture; nil converts it to a `[C, H, W]` tensor.
    ///   - targetTransform: applied to each class index.
    ///   - loader: reads a file; the default, ``rgbLoader(_:)``, decodes it and converts it to
    ///     3-channel RGB as torchvision's `pil_loader` does.
    ///   - isValidFile: decides which files are samples instead of the extension test.
    ///   - allowEmpty: accept class folders without any sample, instead of throwing.
    /// - Throws: ``VisionError`` when `root` cannot be listed or has no sub-folder
    ///   ("Couldn't find any class folder in <root>."), or when a class has no valid file
    ///   (torchvision's "Found no valid file for the classes …" message) unless `allowEmpty`.
    ///
    /// ```swift
    /// let folder = try ImageFolder(root: "data/pets", allowEmpty: true)
    /// ```
    public init(
        root: String,
        transform: (any Transform)? = nil,
        targetTransform: ((Int) -> Int)? = nil,
        loader: @escaping (String) throws -> Image = ImageFolder.rgbLoader,
        isValidFile: ((String) -> Bool)? = nil,
        allowEmpty: Bool = false
    ) throws {
        let directory = NSString(string: root).expandingTildeInPath
        guard let (folders, _) = DirectoryWalk.entries(of: directory) else {
            throw VisionError("ImageFolder: cannot list the folder \(directory)")
        }
        let classes = folders.sorted(by: DirectoryWalk.precedes)
        guard !classes.isEmpty else { throw VisionError("Couldn't find any class folder in \(directory).") }

        let isValid = isValidFile ?? { path in
            let lower = path.lowercased()
            return Self.imageExtensions.contains { lower.hasSuffix($0) }
        }
        var samples: [(path: String, classIndex: Int)] = []
        var empty: [String] = []
        for (classIndex, name) in classes.enumerated() {
            let found = DirectoryWalk.files(under: DirectoryWalk.join(directory, name)).filter(isValid)
            if found.isEmpty { empty.append(name) }
            samples += found.map { ($0, classIndex) }
        }
        if !empty.isEmpty && !allowEmpty {
            var message = "Found no valid file for the classes \(empty.joined(separator: ", ")). "
            if isValidFile == nil { message += "Supported extensions are: \(Self.imageExtensions.joined(separator: ", "))" }
            throw VisionError(message)
        }
        self.root = directory
        self.classes = classes
        self.classToIndex = Dictionary(uniqueKeysWithValues: classes.enumerated().map { ($1, $0) })
        self.samples = samples
        self.transform = transform
        self.targetTransform = targetTransform
        self.loader = loader
    }

    /// The number of samples.
    public var count: Int { samples.count }

    /// Every sample's class index, in order (torchvision's `targets`).
    ///
    /// ```swift
    /// let perClass = Dictionary(grouping: folder.targets, by: { $0 }).mapValues(\.count)
    /// ```
    public var targets: [Int] { samples.map(\.classIndex) }

    /// Loads sample `index`'s file, then applies the transforms.
    ///
    /// - Throws: ``VisionError`` naming the index and the file when it cannot be read, decoded
    ///   or transformed.
    ///
    /// ```swift
    /// let (image, label) = try folder.sample(at: 0, generator: Generator(seed: 7))
    /// ```
    public func sample(at index: Int, generator: Generator) throws -> (input: Tensor, label: Int) {
        try checkIndex(index, in: "ImageFolder")
        let (path, classIndex) = samples[index]
        do {
            let image = try loader(path)
            let input = try transform.map { try $0(.image(image), generator: generator).tensor() } ?? image.tensor()
            return (input, targetTransform?(classIndex) ?? classIndex)
        } catch {
            var reason = (error as? VisionError)?.message ?? "\(error)"
            if reason.hasPrefix(path + ": ") { reason.removeFirst(path.count + 2) }
            throw VisionError("ImageFolder: sample \(index) (\(path)): \(reason)")
        }
    }

    /// Decodes the picture at `path` and converts it to 3-channel RGB, as torchvision's
    /// `pil_loader` (`Image.open(f).convert("RGB")`): gray is repeated into the three channels,
    /// alpha is dropped.
    ///
    /// - Throws: ``VisionError`` naming the file when it cannot be read or decoded.
    ///
    /// ```swift
    /// let rgb = try ImageFolder.rgbLoader("data/pets/cat/001.png")   // rgb.channels == 3
    /// ```
    public static func rgbLoader(_ path: String) throws -> Image {
        try Image(contentsOf: path).converted(toChannels: 3)
    }
}
