import LumenTestSupport
import LumenVision
import Testing

/// The transform types: composition, the deterministic ones against their functionals, the
/// random ones for their parameter ranges, their torchvision algorithms and their determinism
/// under a seed, and the errors that name the transform and the shape at fault.
@Suite("Transforms")
struct TransformTests {
    let x = Tensor((0..<(3 * 13 * 17)).map { Float(($0 * 37) % 101) / 100 }, shape: [3, 13, 17])
    let photo = Image(width: 17, height: 13, channels: 3, pixels: (0..<(3 * 13 * 17)).map { UInt8(($0 * 53) % 256) })

    func tensor(_ output: TransformInput) throws -> Tensor {
        guard case .tensor(let t) = output else { throw VisionError("expected a tensor") }
        return t
    }

    func image(_ output: TransformInput) throws -> Image {
        guard case .image(let i) = output else { throw VisionError("expected a picture") }
        return i
    }

    @Test("Compose applies its steps in order, from an array or a builder block with conditions")
    func compose() throws {
        let addOne = Lambda { .tensor($0.tensor() + 1) }
        let double = Lambda { .tensor($0.tensor() * 2) }
        let viaArray = try tensor(Compose([addOne, double])(.tensor(Tensor([1, 2], shape: [1, 2]))))
        #expect(viaArray.scalars == [4, 6])
        let flip = true
        let viaBuilder = Compose {
            double
            addOne
            if flip { Lambda { .tensor(try hflip($0.tensor())) } }
        }
        #expect(viaBuilder.transforms.count == 3)
        #expect(try tensor(viaBuilder(.tensor(Tensor([1, 2], shape: [1, 2])))).scalars == [5, 3])
    }

    @Test("ToTensor divides bytes by 255 and refuses tensors; Normalize refuses pictures and zero std, naming it")
    func toTensorAndNormalize() throws {
        let x = try tensor(ToTensor()(.image(photo)))
        #expect(x.shape == [3, 13, 17] && x.scalars == photo.tensor().scalars)
        #expect(throws: VisionError.self) { try ToTensor()(.tensor(x)) }
        let normalized = try tensor(Normalize(mean: [0.5], std: [0.25])(.tensor(x)))
        #expect(maxDifference(normalized.scalars, x.scalars.map { ($0 - 0.5) / 0.25 }) == 0)
        #expect(throws: VisionError("Normalize: std[1] is 0, which would divide by zero")) {
            try Normalize(mean: [0, 0, 0], std: [1, 0, 1])(.tensor(x))
        }
        #expect(throws: VisionError.self) { try Normalize(mean: [0], std: [1])(.image(photo)) }
        #expect(throws: VisionError.self) { try Normalize(mean: [0, 0], std: [1])(.tensor(x)) }
    }

    @Test("Resize(int) sizes the shorter side keeping the aspect ratio as torchvision computes it, and keeps the input kind")
    func resizeShorterSide() throws {
        #expect(try resizedSize(height: 480, width: 640, size: [224]) == [224, 298])
        #expect(try resizedSize(height: 13, width: 17, size: [8]) == [8, 10])
        #expect(try resizedSize(height: 640, width: 480, size: [224], maxSize: 250) == [250, 187])
        #expect(try tensor(Resize(8)(.tensor(x))).shape == [3, 8, 10])
        let small = try image(Resize([5, 7])(.image(photo)))
        #expect((small.height, small.width, small.channels) == (5, 7, 3))
        #expect(try tensor(Resize([5, 7], interpolation: .bicubic)(.tensor(x))).scalars ==
                (try resize(x, size: [5, 7], interpolation: .bicubic)).scalars)
        #expect(throws: VisionError.self) { try Resize([5, 7], maxSize: 9)(.tensor(x)) }
        #expect(throws: VisionError.self) { try Resize(8, maxSize: 8)(.tensor(x)) }
    }

    @Test("errors name the transform and the shape at fault")
    func errorsNameTransformAndShape() throws {
        let line = Tensor([1, 2, 3, 4, 5])
        #expect(throws: VisionError("Resize: expected a [..., H, W] tensor, got shape [5]")) { try Resize(2)(.tensor(line)) }
        #expect(throws: VisionError("RandomCrop: crop size 20×20 is larger than the input 13×17 (pass padding: or padIfNeeded: true)")) {
            try RandomCrop(20)(.tensor(x), generator: Generator(seed: 0))
        }
        let rgba = Image(width: 2, height: 2, channels: 4, pixels: [UInt8](repeating: 9, count: 16))
        #expect(throws: VisionError("Grayscale: expected 1 or 3 channels, got 4 in shape [4, 2, 2]")) { try Grayscale()(.image(rgba)) }
        #expect(throws: VisionError.self) { try rotate(x, angle: 10, interpolation: .bicubic) }
        #expect(throws: VisionError.self) { try pad(x, padding: [13], mode: .reflect) }
        #expect(throws: VisionError.self) { try crop(x, top: 0, left: 0, height: 0, width: 3) }
        #expect(throws: VisionError.self) { try adjustHue(x, 0.6) }
        #expect(throws: VisionError.self) { try adjustBrightness(x, -1) }
    }

    @Test("CenterCrop and Grayscale equal their functionals")
    func deterministicTransforms() throws {
        #expect(try tensor(CenterCrop(7)(.tensor(x))).scalars == (try centerCrop(x, size: [7, 7])).scalars)
        #expect(try image(CenterCrop([4, 9])(.image(photo))) == (try centerCrop(photo, size: [4, 9])))
        #expect(try tensor(Grayscale(numOutputChannels: 3)(.tensor(x))).scalars == (try rgbToGrayscale(x, numOutputChannels: 3)).scalars)
    }

    @Test("RandomCrop: every position reachable, uniform-ish, padding and padIfNeeded, same seed same crop")
    func randomCrop() throws {
        let transform = RandomCrop([10, 12])
        let generator = Generator(seed: 7)
        var seen = Set<[Int]>()
        for _ in 0..<2000 {
            let (top, left) = try transform.parameters(height: 13, width: 17, generator: generator)
            #expect((0...3).contains(top) && (0...5).contains(left))
            seen.insert([top, left])
        }
        #expect(seen.count == 4 * 6)
        #expect(try transform.parameters(height: 10, width: 12, generator: generator) == (0, 0))
        let a = try tensor(transform(.tensor(x), generator: Generator(seed: 3)))
        let b = try tensor(transform(.tensor(x), generator: Generator(seed: 3)))
        #expect(a.shape == [3, 10, 12] && a.scalars == b.scalars)
        let (top, left) = try transform.parameters(height: 13, width: 17, generator: Generator(seed: 3))
        #expect(a.scalars == (try crop(x, top: top, left: left, height: 10, width: 12)).scalars)
        let padded = try tensor(RandomCrop(13, padding: [2], paddingMode: .reflect)(.tensor(x), generator: generator))
        #expect(padded.shape == [3, 13, 13])
        let grown = try image(RandomCrop([20, 20], padIfNeeded: true, fill: 255)(.image(photo), generator: generator))
        #expect((grown.height, grown.width) == (20, 20))
    }

    @Test("RandomResizedCrop: windows inside the image within the scale and ratio ranges, torchvision's fallback, output size")
    func randomResizedCrop() throws {
        let transform = RandomResizedCrop(8, scale: 0.2...0.9, ratio: 0.5...2)
        let generator = Generator(seed: 11)
        for _ in 0..<500 {
            let w = transform.parameters(height: 60, width: 80, generator: generator)
            #expect(w.top >= 0 && w.left >= 0 && w.top + w.height <= 60 && w.left + w.width <= 80)
            let area = Double(w.height * w.width) / 4800, ratio = Double(w.width) / Double(w.height)
            #expect(area > 0.17 && area < 0.95, "area share \(area)")
            #expect(ratio > 0.45 && ratio < 2.2, "ratio \(ratio)")
        }
        // No window of the ratio range fits a 2 × 100 strip: the centred crop of ratio 4/3.
        let strip = RandomResizedCrop(8).parameters(height: 2, width: 100, generator: generator)
        #expect(strip == (0, 48, 2, 3))
        let a = try tensor(transform(.tensor(x), generator: Generator(seed: 5)))
        let w = transform.parameters(height: 13, width: 17, generator: Generator(seed: 5))
        let expected = try resizedCrop(x, top: w.top, left: w.left, height: w.height, width: w.width, size: [8, 8])
        #expect(a.shape == [3, 8, 8] && a.scalars == expected.scalars)
    }

    @Test("RandomHorizontalFlip / RandomVerticalFlip flip with probability p")
    func randomFlips() throws {
        #expect(try tensor(RandomHorizontalFlip(p: 1)(.tensor(x))).scalars == (try hflip(x)).scalars)
        #expect(try tensor(RandomVerticalFlip(p: 0)(.tensor(x))).scalars == x.scalars)
        let generator = Generator(seed: 2)
        let small = Tensor([1, 2], shape: [1, 2])
        var flipped = 0
        for _ in 0..<1000 where try tensor(RandomHorizontalFlip()(.tensor(small), generator: generator)).scalars == [2, 1] {
            flipped += 1
        }
        #expect((430...570).contains(flipped), "flipped \(flipped) of 1000")
        var vertical = 0
        let column = Tensor([1, 2], shape: [2, 1])
        for _ in 0..<1000 where try tensor(RandomVerticalFlip(p: 0.2)(.tensor(column), generator: generator)).scalars == [2, 1] {
            vertical += 1
        }
        #expect((150...250).contains(vertical), "flipped \(vertical) of 1000")
    }

    @Test("RandomRotation draws uniform angles in range and rotates with torchvision's per-channel fill")
    func randomRotation() throws {
        let transform = RandomRotation(-10...30, interpolation: .bilinear, fill: [0.5])
        let generator = Generator(seed: 9)
        let angles = (0..<2000).map { _ in transform.angle(generator: generator) }
        #expect(angles.allSatisfy { (-10...30).contains($0) })
        #expect(angles.min()! < -9 && angles.max()! > 29)
        let mean = angles.reduce(0, +) / Double(angles.count)
        #expect(abs(mean - 10) < 1, "mean angle \(mean)")
        #expect(RandomRotation(15).degrees == -15...15)
        let a = try tensor(transform(.tensor(x), generator: Generator(seed: 4)))
        let angle = transform.angle(generator: Generator(seed: 4))
        #expect(a.scalars == (try rotate(x, angle: angle, interpolation: .bilinear, fill: [0.5, 0.5, 0.5])).scalars)
        let expanded = try image(RandomRotation(45...45, expand: true)(.image(photo)))
        #expect(expanded.width > photo.width && expanded.height > photo.height)
    }

    @Test("ColorJitter: a random order of the four, factors within their ranges, torchvision's input checks")
    func colorJitter() throws {
        let jitter = try ColorJitter(brightness: 0.4, contrast: 0.3, saturation: 2, hue: 0.1)
        #expect(jitter.brightness == 0.6...1.4 && jitter.saturation == 0...3 && jitter.hue == -0.1...0.1)
        let generator = Generator(seed: 21)
        var orders = Set<[Int]>()
        for _ in 0..<500 {
            let draw = jitter.parameters(generator: generator)
            #expect(draw.order.sorted() == [0, 1, 2, 3])
            orders.insert(draw.order)
            #expect(jitter.brightness!.contains(draw.brightness!) && jitter.contrast!.contains(draw.contrast!))
            #expect(jitter.saturation!.contains(draw.saturation!) && jitter.hue!.contains(draw.hue!))
        }
        #expect(orders.count == 24)
        let brightnessOnly = try ColorJitter(brightness: 0.5)
        let draw = brightnessOnly.parameters(generator: Generator(seed: 1))
        #expect(draw.contrast == nil && draw.saturation == nil && draw.hue == nil)
        #expect(try tensor(brightnessOnly(.tensor(x), generator: Generator(seed: 1))).scalars == (try adjustBrightness(x, draw.brightness!)).scalars)

        let full = jitter.parameters(generator: Generator(seed: 8))
        var expected = x
        for step in full.order {
            switch step {
            case 0: expected = try adjustBrightness(expected, full.brightness!)
            case 1: expected = try adjustContrast(expected, full.contrast!)
            case 2: expected = try adjustSaturation(expected, full.saturation!)
            default: expected = try adjustHue(expected, full.hue!)
            }
        }
        #expect(try tensor(jitter(.tensor(x), generator: Generator(seed: 8))).scalars == expected.scalars)
        #expect(throws: VisionError("ColorJitter: brightness -0.1 is negative")) { try ColorJitter(brightness: -0.1) }
        #expect(throws: VisionError.self) { try ColorJitter(hue: 0.6) }
        #expect(throws: VisionError.self) { try ColorJitter(contrastRange: -1...1) }
        #expect(try ColorJitter(saturation: 0).saturation == nil)
    }

    @Test("a seeded pipeline gives the same augmentation every run, and pictures stay pictures until ToTensor")
    func seededPipeline() throws {
        let augment = try Compose {
            RandomResizedCrop(9)
            RandomHorizontalFlip()
            try ColorJitter(brightness: 0.3, hue: 0.05)
            RandomRotation(20)
        }
        let first = try image(augment(.image(photo), generator: Generator(seed: 42)))
        let second = try image(augment(.image(photo), generator: Generator(seed: 42)))
        #expect(first == second && (first.width, first.height) == (9, 9))
        let other = try image(augment(.image(photo), generator: Generator(seed: 43)))
        #expect(other != first)
        let x = try Compose { augment; ToTensor() }(.image(photo), generator: Generator(seed: 42)).tensor()
        #expect(x.shape == [3, 9, 9] && x.scalars == first.tensor().scalars)
    }
}
