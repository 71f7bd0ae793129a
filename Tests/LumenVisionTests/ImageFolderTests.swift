import Foundation
import LumenPNG
import LumenTestSupport
@testable import LumenVision
import Testing

@Suite("ImageFolder")
struct ImageFolderTests {
    let fixture = DatasetFixture.shared.image_folder

    /// Builds the fixture's folder tree (files, empty folders, symbolic links) in a fresh
    /// temporary folder and returns its root.
    func buildTree() throws -> String {
        let root = temporaryDirectory("imagefolder") + "/tree"
        let files = FileManager.default
        for directory in fixture.dirs {
            try files.createDirectory(atPath: root + "/" + directory, withIntermediateDirectories: true)
        }
        for entry in fixture.files {
            let path = root + "/" + entry[0]
            try files.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
            try Data(base64Encoded: entry[1])!.write(to: URL(fileURLWithPath: path))
        }
        for link in fixture.symlinks {
            try files.createSymbolicLink(atPath: root + "/" + link[0], withDestinationPath: link[1])
        }
        return root
    }

    @Test("classes, classToIndex and samples in torchvision's order (nested, hidden, upper-case, linked)")
    func matchesTorchvisionOrder() throws {
        let root = try buildTree()
        let folder = try ImageFolder(root: root, allowEmpty: true)
        #expect(folder.classes == fixture.classes)
        #expect(folder.classToIndex == fixture.class_to_idx)
        #expect(folder.samples.map(\.path) == fixture.samples.map { root + "/" + $0.path })
        #expect(folder.samples.map(\.classIndex) == fixture.samples.map(\.classIndex))
        #expect(folder.targets == fixture.samples.map(\.classIndex))
        #expect(folder.count == fixture.samples.count)
    }

    @Test("samples load as pil_loader(...).convert('RGB') + ToTensor; bad files name index and path")
    func samplesMatchPILLoader() throws {
        let root = try buildTree()
        let folder = try ImageFolder(root: root, allowEmpty: true)
        for (index, expected) in fixture.tensors.enumerated() {
            if let expected {
                let (x, label) = try folder[index]
                #expect(x.shape == expected.shape, "sample \(index)")
                #expect(x.scalars.map { Int(($0 * 255).rounded()) } == expected.data, "sample \(index)")
                #expect(label == fixture.samples[index].classIndex)
            } else {
                let path = folder.samples[index].path
                let error = #expect(throws: VisionError.self) { try folder[index] }
                #expect(error?.message.contains("sample \(index) (\(path))") == true, "\(error?.message ?? "")")
            }
        }
    }

    @Test("a class without valid files and a root without class folders give torchvision's errors")
    func errorsMatchTorchvision() throws {
        let root = try buildTree()
        let empty = #expect(throws: VisionError.self) { try ImageFolder(root: root) }
        #expect(empty?.message == fixture.empty_error.replacingOccurrences(of: "<root>", with: root))

        let flat = temporaryDirectory("flat")
        try Data([1, 2, 3]).write(to: URL(fileURLWithPath: flat + "/a.png"))
        let noClass = #expect(throws: VisionError.self) { try ImageFolder(root: flat) }
        #expect(noClass?.message == fixture.no_class_error.replacingOccurrences(of: "<root>", with: flat))

        let missing = #expect(throws: VisionError.self) { try ImageFolder(root: flat + "/nowhere") }
        #expect(missing?.message.contains(flat + "/nowhere") == true)
    }

    @Test("transform, targetTransform, loader and isValidFile are applied")
    func parameters() throws {
        struct Halve: Transform {
            func callAsFunction(_ input: TransformInput, generator: Generator) throws -> TransformInput {
                .tensor(input.tensor() * 0.5)
            }
        }
        let root = try buildTree()
        let pngsOnly = try ImageFolder(
            root: root, transform: Halve(), targetTransform: { $0 + 100 },
            isValidFile: { $0.hasSuffix(".png") }, allowEmpty: true)
        #expect(pngsOnly.samples.allSatisfy { $0.path.hasSuffix(".png") })
        let (x, label) = try pngsOnly[0]
        let plain = try ImageFolder(root: root, allowEmpty: true)
        let reference = try plain[plain.samples.firstIndex { $0.path == pngsOnly.samples[0].path }!].input
        #expect(x.scalars == reference.scalars.map { $0 * 0.5 })
        #expect(label == pngsOnly.samples[0].classIndex + 100)

        let gray = try ImageFolder(root: root, loader: { _ in Image(width: 1, height: 1, channels: 1, pixels: [7]) }, allowEmpty: true)
        #expect(try gray[0].input.shape == [1, 1, 1])
        #expect(throws: VisionError.self) { try gray[gray.count] }
    }

    @Test("rgbLoader repeats gray, drops alpha")
    func rgbConversion() throws {
        let folder = temporaryDirectory("rgb")
        let cases: [(Image, [UInt8])] = [
            (Image(width: 1, height: 1, channels: 1, pixels: [9]), [9, 9, 9]),
            (Image(width: 1, height: 1, channels: 2, pixels: [9, 200]), [9, 9, 9]),
            (Image(width: 1, height: 1, channels: 3, pixels: [1, 2, 3]), [1, 2, 3]),
            (Image(width: 1, height: 1, channels: 4, pixels: [1, 2, 3, 0]), [1, 2, 3]),
        ]
        for (number, (image, rgb)) in cases.enumerated() {
            let path = "\(folder)/\(number).png"
            let png = PNGEncoder.encode(PNGImage(width: 1, height: 1, channels: image.channels, bytes: image.pixels))
            try Data(png).write(to: URL(fileURLWithPath: path))
            #expect(try ImageFolder.rgbLoader(path).pixels == rgb)
        }
    }

    @Test("a symbolic link back to an ancestor folder is not followed forever")
    func linkCycleEnds() throws {
        let root = temporaryDirectory("cycle")
        try FileManager.default.createDirectory(atPath: root + "/a/inner", withIntermediateDirectories: true)
        try Data(PNGEncoder.encode(PNGImage(width: 1, height: 1, channels: 1, bytes: [0]))).write(to: URL(fileURLWithPath: root + "/a/inner/x.png"))
        try FileManager.default.createSymbolicLink(atPath: root + "/a/inner/up", withDestinationPath: "..")
        let folder = try ImageFolder(root: root)
        #expect(folder.samples.map(\.path) == [root + "/a/inner/x.png"])
    }
}
