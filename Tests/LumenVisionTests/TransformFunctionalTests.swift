import LumenTestSupport
import LumenVision
import Testing

/// LumenVision's functional transforms against torchvision.transforms.functional on the same
/// inputs and parameters (Fixtures/transforms, Scripts/make_transform_fixtures.py). Float
/// tensors go through the tensor overloads; uint8 tensors through the Image overloads, which
/// follow torchvision's uint8-tensor path.
@Suite("Functional transforms match torchvision.transforms.functional")
struct TransformFunctionalTests {
    static let fixture = TransformFixture.shared

    func run(_ c: TransformFixture.Case, _ x: Tensor) throws -> Tensor {
        switch c.op {
        case "resize":
            return try resize(x, size: c.ints("size")!, interpolation: c.interpolation, maxSize: c.params["maxSize"] as? Int, antialias: c.bool("antialias"))
        case "crop": return try crop(x, top: c.int("top"), left: c.int("left"), height: c.int("height"), width: c.int("width"))
        case "centerCrop": return try centerCrop(x, size: c.ints("size")!)
        case "resizedCrop":
            return try resizedCrop(x, top: c.int("top"), left: c.int("left"), height: c.int("height"), width: c.int("width"),
                                   size: c.ints("size")!, interpolation: c.interpolation, antialias: c.bool("antialias"))
        case "pad": return try pad(x, padding: c.ints("padding")!, fill: Float(c.double("fill")), mode: paddingMode(c))
        case "hflip": return try hflip(x)
        case "vflip": return try vflip(x)
        case "rotate":
            return try rotate(x, angle: c.double("angle"), interpolation: c.interpolation, expand: c.bool("expand"),
                              center: c.ints("center"), fill: c.floats("fill"))
        case "adjustBrightness": return try adjustBrightness(x, c.double("factor"))
        case "adjustContrast": return try adjustContrast(x, c.double("factor"))
        case "adjustSaturation": return try adjustSaturation(x, c.double("factor"))
        case "adjustHue": return try adjustHue(x, c.double("factor"))
        case "rgbToGrayscale": return try rgbToGrayscale(x, numOutputChannels: c.int("numOutputChannels"))
        case "normalize": return try normalize(x, mean: c.floats("mean")!, std: c.floats("std")!)
        default: throw VisionError("unknown fixture op \(c.op)")
        }
    }

    func run(_ c: TransformFixture.Case, _ x: Image) throws -> Image {
        switch c.op {
        case "resize":
            return try resize(x, size: c.ints("size")!, interpolation: c.interpolation, maxSize: c.params["maxSize"] as? Int, antialias: c.bool("antialias"))
        case "crop": return try crop(x, top: c.int("top"), left: c.int("left"), height: c.int("height"), width: c.int("width"))
        case "centerCrop": return try centerCrop(x, size: c.ints("size")!)
        case "resizedCrop":
            return try resizedCrop(x, top: c.int("top"), left: c.int("left"), height: c.int("height"), width: c.int("width"),
                                   size: c.ints("size")!, interpolation: c.interpolation, antialias: c.bool("antialias"))
        case "pad": return try pad(x, padding: c.ints("padding")!, fill: Float(c.double("fill")), mode: paddingMode(c))
        case "hflip": return try hflip(x)
        case "vflip": return try vflip(x)
        case "rotate":
            return try rotate(x, angle: c.double("angle"), interpolation: c.interpolation, expand: c.bool("expand"),
                              center: c.ints("center"), fill: c.floats("fill"))
        case "adjustBrightness": return try adjustBrightness(x, c.double("factor"))
        case "adjustContrast": return try adjustContrast(x, c.double("factor"))
        case "adjustSaturation": return try adjustSaturation(x, c.double("factor"))
        case "adjustHue": return try adjustHue(x, c.double("factor"))
        case "rgbToGrayscale": return try rgbToGrayscale(x, numOutputChannels: c.int("numOutputChannels"))
        default: throw VisionError("unknown fixture op \(c.op)")
        }
    }

    func paddingMode(_ c: TransformFixture.Case) -> PaddingMode {
        switch c.params["mode"] as! String {
        case "edge": .edge
        case "reflect": .reflect
        case "symmetric": .symmetric
        default: .constant
        }
    }

    /// Runs every fixture case of `op`; float outputs must agree within `tolerance`, byte
    /// outputs within `byteTolerance` (in byte units).
    func check(_ op: String, tolerance: Float = 1e-5, byteTolerance: Float = 0) throws {
        let cases = Self.fixture.cases(op)
        #expect(!cases.isEmpty)
        for c in cases {
            let input = try #require(Self.fixture.tensors[c.input]), expected = try #require(Self.fixture.tensors[c.output])
            if input.isBytes {
                let output = try run(c, input.image)
                #expect(planarShape(output) == expected.shape, "\(c.label)")
                let difference = maxDifference(planarValues(output), expected.values)
                #expect(difference <= byteTolerance, "\(c.label): max byte difference \(difference)")
            } else {
                let output = try run(c, input.tensor)
                #expect(output.shape == expected.shape, "\(c.label)")
                let difference = maxDifference(output.scalars, expected.values)
                #expect(difference <= tolerance, "\(c.label): max difference \(difference)")
            }
        }
    }

    @Test("resize: every interpolation, antialias on and off, up, down, odd and shorter-side sizes (float within 1e-5, bytes within 1)")
    func resizeMatches() throws { try check("resize", byteTolerance: 1) }

    @Test("resizedCrop matches F.resized_crop")
    func resizedCropMatches() throws { try check("resizedCrop", byteTolerance: 1) }

    @Test("crop, including windows past the border (zero-filled), matches F.crop")
    func cropMatches() throws { try check("crop", tolerance: 0) }

    @Test("centerCrop, smaller and larger than the image, matches F.center_crop")
    func centerCropMatches() throws { try check("centerCrop", tolerance: 0) }

    @Test("pad in constant, edge, reflect and symmetric modes matches F.pad")
    func padMatches() throws { try check("pad", tolerance: 0) }

    @Test("hflip and vflip match F.hflip / F.vflip")
    func flipsMatch() throws {
        try check("hflip", tolerance: 0)
        try check("vflip", tolerance: 0)
    }

    @Test("rotate: nearest and bilinear, expand, centre and fill match F.rotate on tensors")
    func rotateMatches() throws { try check("rotate", tolerance: 1e-5, byteTolerance: 1) }

    @Test("adjustBrightness / adjustContrast / adjustSaturation match torchvision's blend formulas")
    func colourBlendsMatch() throws {
        try check("adjustBrightness")
        try check("adjustContrast")
        try check("adjustSaturation")
    }

    @Test("adjustHue matches F.adjust_hue (RGB ⇄ HSV as torchvision's tensor code)")
    func hueMatches() throws { try check("adjustHue") }

    @Test("rgbToGrayscale matches F.rgb_to_grayscale in 1 and 3 channels")
    func grayscaleMatches() throws { try check("rgbToGrayscale") }

    @Test("normalize matches F.normalize")
    func normalizeMatches() throws { try check("normalize") }
}
